/// Literals for building JSON in code — claims for the identity emulator, JWKS documents, test
/// fixtures. Object literals keep their written order.
///
/// ```swift
/// let claims: JSONValue = ["aud": "api://aad-func", "exp": 1_763_703_900, "roles": ["DoAll"], "acct": nil]
/// JSONWriter.serialize(claims)   // {"aud":"api://aad-func","exp":1763703900,"roles":["DoAll"],"acct":null}
/// ```
///
/// A dictionary literal that repeats a key is a programming error and stops the program, as a
/// Swift `Dictionary` literal does. Untrusted input goes through ``JSONReader`` instead.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string value.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// An integer number.
    public init(integerLiteral value: Int64) {
        self = .number(JSONNumber(value))
    }

    /// A floating-point number (literals are always finite).
    public init(floatLiteral value: Double) {
        guard let number = JSONNumber(exactly: value) else { preconditionFailure("JSON has no \(value)") }
        self = .number(number)
    }

    /// `true` or `false`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// An array.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    /// An object with the members in written order; keys must be unique.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        guard let object = JSONObject(uniqueMembers: elements) else {
            preconditionFailure("JSON object literal repeats a member name")
        }
        self = .object(object)
    }

    /// `null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension JSONNumber {
    /// A number from a `Double`, written in Swift's shortest round-tripping form; `nil` for NaN
    /// and infinities, which JSON cannot express.
    ///
    /// ```swift
    /// JSONNumber(exactly: 1.5)?.text   // "1.5"
    /// ```
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        if let integer = Int64(exactly: value) {
            self.init(text: String(integer), int64Value: integer, doubleValue: value)
        } else {
            self.init(text: "\(value)", int64Value: nil, doubleValue: value)
        }
    }
}
