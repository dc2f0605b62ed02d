/// Why a string was refused as base64url (RFC 4648 §5, unpadded, as JWS requires).
///
/// ```swift
/// do {
///     _ = try Base64URL.decode("ab=")
/// } catch {
///     switch error.reason {
///     case .invalidCharacter: …     // error.offset == 2
///     case .invalidLength, .nonZeroTrailingBits: …
///     }
/// }
/// ```
public struct Base64URLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable cause.
    public enum Reason: Sendable, Equatable {
        /// A byte outside `A–Z a–z 0–9 - _`: padding `=`, the standard alphabet's `+` and `/`,
        /// whitespace, or anything else.
        case invalidCharacter
        /// The length leaves one character over (length ≡ 1 mod 4), which cannot encode a byte.
        case invalidLength
        /// The last character carries bits beyond the encoded bytes that are not zero, so the
        /// text is not the canonical encoding of any byte string.
        case nonZeroTrailingBits
    }

    /// The machine-readable cause.
    public var reason: Reason
    /// The byte offset in the input the error refers to (the offending character, or the last
    /// character for trailing bits); `nil` for ``Reason/invalidLength``.
    public var offset: Int?

    /// Creates an error; decoding creates these, tests may too.
    public init(reason: Reason, offset: Int? = nil) {
        self.reason = reason
        self.offset = offset
    }

    /// A one-line explanation for logs and error messages.
    public var description: String {
        switch reason {
        case .invalidCharacter:
            "base64url: invalid character at offset \(offset ?? 0) (only A-Z a-z 0-9 - _ allowed, no padding or whitespace)"
        case .invalidLength:
            "base64url: invalid length (one character left over)"
        case .nonZeroTrailingBits:
            "base64url: non-zero unused bits in the last character at offset \(offset ?? 0) (not a canonical encoding)"
        }
    }
}
