/// An RSA public key for signature verification, validated when it is created.
///
/// Accepted keys: modulus odd and 2048…8192 bits (the minimum can be lowered to 1024, never
/// further); public exponent odd, at least 3 and below 2³² (65537 in practice). A larger exponent
/// would make every verification proportionally slower, so it is refused as a denial-of-service
/// lever, as is a modulus above 8192 bits. Everything the verification needs (Montgomery
/// constants) is computed here, once.
///
/// ```swift
/// let key = try RSAPublicKey(modulus: try Base64URL.decode(jwk.n), publicExponent: try Base64URL.decode(jwk.e))
/// let ok = key.isValidSignature(signature, for: signingInput, padding: .pkcs1v15, digest: .sha256)  // RS256
/// ```
public struct RSAPublicKey: Sendable, Hashable {
    /// The largest accepted modulus, in bits (larger keys are a verification-cost lever).
    public static let maximumModulusBitCount = 8192
    /// The smallest modulus accepted by default, in bits (RFC 7518 §3.3).
    public static let defaultMinimumModulusBitCount = 2048
    /// The floor below which no `minimumModulusBitCount` argument can go.
    public static let absoluteMinimumModulusBitCount = 1024
    /// Public exponents must be below this bound (and odd, and at least 3).
    public static let publicExponentBound: UInt64 = 1 << 32

    /// Big-endian modulus without leading zero bytes (for JWK export and RFC 7638 thumbprints).
    public let modulus: [UInt8]
    /// The public exponent as a number.
    let exponent: UInt64
    /// Montgomery constants of the modulus.
    let montgomery: MontgomeryContext

    /// Creates a key from a big-endian modulus and public exponent (JWK `n` and `e` after
    /// base64url decoding). Leading zero bytes are allowed in both.
    ///
    /// - Parameter minimumModulusBitCount: smallest modulus accepted; values below 1024 act as 1024.
    /// - Throws: ``RSAKeyError`` with reason `modulusTooSmall`, `modulusTooLarge`, `invalidModulus`
    ///   or `invalidPublicExponent`.
    public init(
        modulus: [UInt8], publicExponent: [UInt8],
        minimumModulusBitCount: Int = RSAPublicKey.defaultMinimumModulusBitCount
    ) throws(RSAKeyError) {
        let trimmedModulus = Array(modulus.drop(while: { $0 == 0 }))
        let trimmedExponent = publicExponent.drop(while: { $0 == 0 })
        // Lengths first: nothing below costs more than the input size allows.
        let bitCount = trimmedModulus.first.map { trimmedModulus.count * 8 - $0.leadingZeroBitCount } ?? 0
        let minimum = max(minimumModulusBitCount, Self.absoluteMinimumModulusBitCount)
        guard bitCount <= Self.maximumModulusBitCount else {
            throw RSAKeyError(.modulusTooLarge, "modulus has \(bitCount) bits; at most \(Self.maximumModulusBitCount) are accepted")
        }
        guard bitCount >= minimum else {
            throw RSAKeyError(.modulusTooSmall, "modulus has \(bitCount) bits; at least \(minimum) are required")
        }
        guard trimmedExponent.count <= 4 else {
            throw RSAKeyError(.invalidPublicExponent, "public exponent must be below 2^32")
        }
        let exponent = trimmedExponent.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        guard exponent >= 3, exponent & 1 == 1 else {
            throw RSAKeyError(.invalidPublicExponent, "public exponent \(exponent) must be odd and at least 3")
        }
        guard trimmedModulus.last.map({ $0 & 1 == 1 }) == true,
              let limbs = Limbs.fromBigEndian(trimmedModulus, count: (trimmedModulus.count + 7) / 8),
              let montgomery = MontgomeryContext(limbs: limbs)
        else {
            throw RSAKeyError(.invalidModulus, "modulus must be odd")
        }
        self.modulus = trimmedModulus
        self.exponent = exponent
        self.montgomery = montgomery
    }

    /// Significant bits of the modulus (2048 for an RS256 key of the usual size).
    public var modulusBitCount: Int { montgomery.bitCount }

    /// Length of a signature under this key: ⌈modulusBitCount / 8⌉ bytes.
    public var signatureByteCount: Int { modulus.count }

    /// Big-endian public exponent without leading zero bytes (`[1, 0, 1]` for 65537).
    public var publicExponent: [UInt8] {
        let bytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: exponent >> UInt64($0 * 8)) }
        return Array(bytes.drop(while: { $0 == 0 }))
    }

    /// Two keys are equal when their modulus and public exponent are.
    public static func == (lhs: RSAPublicKey, rhs: RSAPublicKey) -> Bool {
        lhs.exponent == rhs.exponent && lhs.modulus == rhs.modulus
    }

    /// Hashes the modulus and public exponent (the derived Montgomery constants add nothing).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(modulus)
        hasher.combine(exponent)
    }
}
