/// An RFC 9457 problem details object, the body of every error response the server writes.
///
/// ```swift
/// let problem = ProblemDetails(status: .forbidden, detail: "The role DoAll is required.")
/// return HTTPResponse.problem(problem)
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

    /// A problem for `status`; `title` defaults to its reason phrase.
    public init(type: String = "about:blank", title: String? = nil, status: HTTPStatus, detail: String? = nil) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
    }

    /// The compact JSON encoding, with keys in RFC order.
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
        out.append(UInt8(ascii: "}"))
        return out
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
