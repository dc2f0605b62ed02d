/// A JSON value as read by ``JSONReader``: the six RFC 8259 kinds, with objects that keep their
/// member order and numbers that keep their exact text.
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
}
