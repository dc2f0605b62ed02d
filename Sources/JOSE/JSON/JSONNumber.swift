/// A JSON number: its exact source text plus its reading as a 64-bit integer (when the text is an
/// integer that fits) or as a finite `Double`.
///
/// Claims such as `exp` and `nbf` are NumericDates; ``int64Value`` gives them without rounding,
/// and ``text`` keeps the original spelling for diagnostics. A NumericDate may legally be
/// written `1700000000.0` or `1.7e9`, and then ``int64Value`` is `nil`: a claims check must read
/// ``doubleValue`` in that case (or refuse the token), never treat `nil` as "no expiry".
///
/// ```swift
/// let exp = try JSONReader.parse(Array("1700000000".utf8)).numberValue
/// exp?.int64Value   // 1700000000
/// ```
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the document (RFC 8259 grammar).
    public let text: String
    /// The value as an integer, when the text has no fraction or exponent and fits in `Int64`;
    /// `nil` for `1.0`, `1e9` or `1e19`, which are still numbers (see ``doubleValue``).
    public let int64Value: Int64?
    /// The value as a `Double` (always finite; the reader refuses numbers that overflow).
    public let doubleValue: Double

    /// Whether the text is an integer literal (no fraction, no exponent) that fits in `Int64`.
    public var isInteger: Bool { int64Value != nil }

    /// An integer number.
    public init(_ value: Int64) {
        self.text = String(value)
        self.int64Value = value
        self.doubleValue = Double(value)
    }

    /// Builds a number from already validated parts (used by the reader).
    init(text: String, int64Value: Int64?, doubleValue: Double) {
        self.text = text
        self.int64Value = int64Value
        self.doubleValue = doubleValue
    }

    /// The source text.
    public var description: String { text }

    /// Numbers compare by their source text, so `1` and `1.0` differ (as they do on the wire).
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.text == rhs.text }

    /// Hashes the source text, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
