import Foundation

/// An RFC 9457 problem details object, the body of every error response the server writes.
///
/// ```swift
/// let problem = ProblemDetails(status: .forbidden, detail: "The role DoAll is required.", reason: "missingRole")
///     .with(extension: "requiredRoles", .strings(["DoAll"]))
/// return HTTPResponse.problem(problem)
/// // {"type":"about:blank","title":"Forbidden","status":403,"detail":"The role DoAll is required.",
/// //  "reason":"missingRole","requiredRoles":["DoAll"]}
/// ```
public struct ProblemDetails: Sendable, Hashable, Codable {
    /// A URI reference naming the problem type; `about:blank` when the status says it all.
    public var type: String
    /// A short summary of the problem type (by default the status reason phrase).
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// A human explanation of this occurrence.
    public var detail: String?
    /// Extension members (RFC 9457 §3.2), written after the standard members in this order.
    /// A name equal to a standard member (`type`, `title`, `status`, `detail`, `instance`) or to
    /// an earlier extension is not written, so the JSON never has a duplicated member.
    public var extensions: [(name: String, value: ExtensionValue)]

    /// The value of an extension member.
    public enum ExtensionValue: Sendable, Hashable {
        /// A JSON string.
        case string(String)
        /// A JSON integer.
        case integer(Int)
        /// `true` or `false`.
        case boolean(Bool)
        /// An array of JSON strings.
        case strings([String])
        /// Already-encoded JSON, written as is (it must be one valid JSON value).
        case json([UInt8])
    }

    /// The standard members' names, which extensions cannot take.
    static let standardMembers = ["type", "title", "status", "detail", "instance"]

    /// A problem for `status`; `title` defaults to its reason phrase.
    public init(
        type: String = "about:blank", title: String? = nil, status: HTTPStatus, detail: String? = nil,
        extensions: [(name: String, value: ExtensionValue)] = []
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.extensions = extensions
    }

    /// A problem for `status` with a stable, machine-readable `reason` extension member.
    ///
    /// ```swift
    /// ProblemDetails(status: .unauthorized, detail: "The token has expired.", reason: "tokenExpired")
    /// ```
    public init(status: HTTPStatus, detail: String?, reason: String) {
        self.init(status: status, detail: detail, extensions: [("reason", .string(reason))])
    }

    /// This problem with the extension member `name` appended.
    ///
    /// ```swift
    /// let problem = ProblemDetails(status: .tooManyRequests).with(extension: "retryAfter", .integer(30))
    /// ```
    public func with(extension name: String, _ value: ExtensionValue) -> ProblemDetails {
        var copy = self
        copy.extensions.append((name, value))
        return copy
    }

    /// The value of the first extension member named `name` (compared byte for byte).
    public subscript(extension name: String) -> ExtensionValue? {
        extensions.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
    }

    /// The extensions that are written: no standard member names, no repeated names.
    var writableExtensions: [(name: String, value: ExtensionValue)] {
        var written: [String] = []
        var result: [(name: String, value: ExtensionValue)] = []
        for item in extensions {
            let taken = Self.standardMembers.contains { $0.utf8.elementsEqual(item.name.utf8) }
                || written.contains { $0.utf8.elementsEqual(item.name.utf8) }
            guard !taken else { continue }
            written.append(item.name)
            result.append(item)
        }
        return result
    }

    /// The compact JSON encoding, standard members in RFC order, then the extensions.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + title.utf8.count + (detail?.utf8.count ?? 0))
        out.append(contentsOf: #"{"type":"#.utf8)
        JSONString.append(type, to: &out)
        out.append(contentsOf: #","title":"#.utf8)
        JSONString.append(title, to: &out)
        out.append(contentsOf: #","status":\#(status)"#.utf8)
        if let detail {
            out.append(contentsOf: #","detail":"#.utf8)
            JSONString.append(detail, to: &out)
        }
        for (name, value) in writableExtensions {
            out.append(UInt8(ascii: ","))
            JSONString.append(name, to: &out)
            out.append(UInt8(ascii: ":"))
            value.appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    // MARK: Hashable (tuples are not)

    public static func == (lhs: ProblemDetails, rhs: ProblemDetails) -> Bool {
        lhs.type == rhs.type && lhs.title == rhs.title && lhs.status == rhs.status && lhs.detail == rhs.detail
            && lhs.extensions.count == rhs.extensions.count
            && zip(lhs.extensions, rhs.extensions).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(title)
        hasher.combine(status)
        hasher.combine(detail)
        for (name, value) in extensions {
            hasher.combine(name)
            hasher.combine(value)
        }
    }

    // MARK: Codable (extension members as top-level keys)

    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the standard members and the writable extensions (`.json` values are decoded
    /// into JSON values and re-encoded; invalid raw JSON throws).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        try container.encode(type, forKey: MemberKey("type"))
        try container.encode(title, forKey: MemberKey("title"))
        try container.encode(status, forKey: MemberKey("status"))
        try container.encodeIfPresent(detail, forKey: MemberKey("detail"))
        for (name, value) in writableExtensions {
            let key = MemberKey(name)
            switch value {
            case .string(let string): try container.encode(string, forKey: key)
            case .integer(let integer): try container.encode(integer, forKey: key)
            case .boolean(let boolean): try container.encode(boolean, forKey: key)
            case .strings(let strings): try container.encode(strings, forKey: key)
            case .json(let bytes): try container.encode(JSONDecoder().decode(AnyJSON.self, from: Data(bytes)), forKey: key)
            }
        }
    }

    /// Decodes the standard members; every other member becomes an extension (strings,
    /// integers, Booleans and string arrays by case, anything else as `.json`), in key order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: MemberKey.self)
        type = try container.decodeIfPresent(String.self, forKey: MemberKey("type")) ?? "about:blank"
        status = try container.decode(Int.self, forKey: MemberKey("status"))
        title = try container.decodeIfPresent(String.self, forKey: MemberKey("title"))
            ?? HTTPStatus.standardReasonPhrase(for: status)
        detail = try container.decodeIfPresent(String.self, forKey: MemberKey("detail"))
        var extensions: [(name: String, value: ExtensionValue)] = []
        let keys = container.allKeys
            .filter { key in !Self.standardMembers.contains { $0.utf8.elementsEqual(key.stringValue.utf8) } }
            .sorted { $0.stringValue.utf8.lexicographicallyPrecedes($1.stringValue.utf8) }
        for key in keys {
            let value: ExtensionValue
            if let string = try? container.decode(String.self, forKey: key) {
                value = .string(string)
            } else if let boolean = try? container.decode(Bool.self, forKey: key) {
                value = .boolean(boolean)
            } else if let integer = try? container.decode(Int.self, forKey: key) {
                value = .integer(integer)
            } else if let strings = try? container.decode([String].self, forKey: key) {
                value = .strings(strings)
            } else {
                let any = try container.decode(AnyJSON.self, forKey: key)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                value = .json(Array(try encoder.encode(any)))
            }
            extensions.append((key.stringValue, value))
        }
        self.extensions = extensions
    }
}

extension ProblemDetails.ExtensionValue {
    /// Appends the value's JSON encoding.
    func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .string(let string): JSONString.append(string, to: &out)
        case .integer(let integer): out.append(contentsOf: String(integer).utf8)
        case .boolean(let boolean): out.append(contentsOf: (boolean ? "true" : "false").utf8)
        case .strings(let strings):
            out.append(UInt8(ascii: "["))
            for (index, string) in strings.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.append(string, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .json(let bytes): out.append(contentsOf: bytes)
        }
    }
}

/// Any JSON value, so `Codable` can carry `.json` extension members.
private enum AnyJSON: Codable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([AnyJSON].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: AnyJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .integer(let integer): try container.encode(integer)
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }
}

/// Minimal JSON string escaping (RFC 8259 §7).
enum JSONString {
    static func append(_ string: String, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                out.append(contentsOf: Array(#"\u00"#.utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
