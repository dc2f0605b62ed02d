/// Why an RSA key was refused when it was loaded.
///
/// ```swift
/// do { _ = try RSAPublicKey(modulus: n, publicExponent: e) }
/// catch { if error.reason == .modulusTooSmall { … } }
/// ```
public struct RSAKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A machine-readable reason to switch on.
    public enum Reason: Sendable, Hashable {
        /// The modulus has fewer bits than the configured minimum (2048 unless lowered; never below 1024).
        case modulusTooSmall
        /// The modulus has more than ``RSAPublicKey/maximumModulusBitCount`` bits.
        case modulusTooLarge
        /// The modulus is even (it cannot be a product of two odd primes).
        case invalidModulus
        /// The public exponent is even, below 3, or at least 2³².
        case invalidPublicExponent
        /// The DER or PEM encoding is not a well-formed RSA public key.
        case malformedEncoding
        /// The private key parameters are inconsistent (p·q ≠ n, d does not invert e, …).
        case invalidPrivateKey
        /// A key size asked of ``RSAPrivateKey/generate(bitCount:)`` is not a multiple of 8
        /// (sizes outside 2048…8192 are `modulusTooSmall` / `modulusTooLarge`).
        case invalidBitCount
    }

    /// The reason to switch on.
    public var reason: Reason
    /// A human-readable explanation (not part of equality).
    public var detail: String

    /// Creates an error with a reason and a human-readable detail.
    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// The reason and the detail, for logs.
    public var description: String { "RSA key refused (\(reason)): \(detail)" }

    /// Errors compare by ``reason`` only, so tests and callers can match on the reason alone.
    public static func == (lhs: RSAKeyError, rhs: RSAKeyError) -> Bool { lhs.reason == rhs.reason }
}
