/// Why ``JSONReader`` refused a document, with the byte offset where it stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, for a program to switch on.
    public enum Reason: String, Sendable, CaseIterable {
        /// The document is larger than the reader's size limit.
        case tooLarge
        /// Arrays and objects nest deeper than the reader's depth limit.
        case tooDeep
        /// The input ended in the middle of a value (or was empty).
        case unexpectedEnd
        /// A byte that cannot start or continue a value here (includes comments, `NaN`, a BOM…).
        case unexpectedCharacter
        /// Something other than whitespace follows the top-level value.
        case trailingData
        /// A number outside the RFC 8259 grammar (leading `+` or `0`, bare `.`, …) or too large for a `Double`.
        case invalidNumber
        /// A backslash escape that RFC 8259 does not define, or a malformed `\u` escape.
        case invalidEscape
        /// A `\u` escape that is an unpaired UTF-16 surrogate.
        case loneSurrogate
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// Two members of one object share a name.
        case duplicateMember
    }

    /// What was wrong.
    public var reason: Reason
    /// Byte offset in the input where the problem was found.
    public var offset: Int

    /// An error at `offset`.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A one-line explanation, e.g. `duplicate member name at byte 17`.
    public var description: String {
        let what: String
        switch reason {
        case .tooLarge: what = "document exceeds the size limit"
        case .tooDeep: what = "nesting exceeds the depth limit"
        case .unexpectedEnd: what = "unexpected end of input"
        case .unexpectedCharacter: what = "unexpected character"
        case .trailingData: what = "data after the top-level value"
        case .invalidNumber: what = "invalid number"
        case .invalidEscape: what = "invalid escape sequence"
        case .loneSurrogate: what = "unpaired UTF-16 surrogate escape"
        case .controlCharacterInString: what = "unescaped control character in string"
        case .invalidUTF8: what = "invalid UTF-8"
        case .duplicateMember: what = "duplicate member name"
        }
        return "\(what) at byte \(offset)"
    }
}
