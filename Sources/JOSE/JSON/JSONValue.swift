/// A JSON value as read by ``JSONReader``: the six RFC 8259 kinds, with objects that keep their
/// member order and numbers that keep their exact text.
///
/// Equality and hashing treat strings and member names as their UTF-8 bytes (RFC 8259 §8.3),
/// not as Swift's Unicode canonical equivalence: `.string("\u{E9}") != .string("e\u{301}")`,
/// and comparing hostile strings stays linear in their length (see ``ExactString``).
///
/// ```swift
/// let header = try JSONReader.parse(Array(#"{"alg":"RS256","kid":"k1"}"#.utf8))
/// header["alg"]?.stringValue   // "RS256"
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, with its integer or floating-point reading and its source text.
    case number(JSONNumber)
    /// A string (escapes resolved, valid Unicode).
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in document order, names unique.
    case object(JSONObject)

    /// The member named `name` when this value is an object; `nil` otherwise or when absent.
    public subscript(name: String) -> JSONValue? {
        if case .object(let object) = self { return object[name] }
        return nil
    }

    /// The string, when this value is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The Boolean, when this value is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, when this value is a number.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The elements, when this value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when this value is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The compact serialization of this value (see ``JSONWriter``).
    public var compactJSON: String { JSONWriter.serialize(self) }

    /// Same kind and equal contents; strings by their UTF-8 bytes, numbers by their text.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right
        case (.string(let left), .string(let right)): left.isExactly(right)
        case (.array(let left), .array(let right)): left == right
        case (.object(let left), .object(let right)): left == right
        default: false
        }
    }

    /// Hashes the kind and contents, strings by their UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(1); hasher.combine(flag)
        case .number(let number): hasher.combine(2); hasher.combine(number)
        case .string(let string): hasher.combine(3); hasher.combine(ExactString(string))
        case .array(let elements): hasher.combine(4); hasher.combine(elements)
        case .object(let object): hasher.combine(5); hasher.combine(object)
        }
    }
}
