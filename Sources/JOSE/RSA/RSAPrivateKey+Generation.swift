extension RSAPrivateKey {
    /// The public exponent of generated keys.
    public static let generatedPublicExponent: UInt64 = 65537

    /// Generates a key with a modulus of exactly `bitCount` bits and e = 65537, from
    /// `SystemRandomNumberGenerator`. Development only.
    ///
    /// Each prime has `bitCount / 2` bits with its two top bits set, passes trial division and
    /// Miller–Rabin (FIPS 186-5 round counts), and satisfies gcd(p − 1, e) = 1. The private
    /// exponent is e⁻¹ mod (p − 1)(q − 1).
    ///
    /// This takes a fraction of a second in release builds and a few seconds in debug builds
    /// at 2048 bits.
    ///
    /// ```swift
    /// let key = try RSAPrivateKey.generate(bitCount: 3072)
    /// ```
    ///
    /// - Throws: ``RSAKeyError`` with `modulusTooSmall` below 2048 bits, `modulusTooLarge` above
    ///   8192, `invalidBitCount` when `bitCount` is not a multiple of 8.
    public static func generate(bitCount: Int) throws(RSAKeyError) -> RSAPrivateKey {
        var generator = SystemRandomNumberGenerator()
        return try generate(bitCount: bitCount, using: &generator)
    }

    /// A new 2048-bit key with e = 65537 (``generate(bitCount:)`` with a size that cannot be refused).
    ///
    /// ```swift
    /// let key = RSAPrivateKey.generate()
    /// ```
    public static func generate() -> RSAPrivateKey {
        var generator = SystemRandomNumberGenerator()
        return generateValidated(bitCount: RSAPublicKey.defaultMinimumModulusBitCount, using: &generator)
    }

    /// ``generate(bitCount:)`` with an explicit random source (tests may pass a seeded one).
    static func generate(bitCount: Int, using generator: inout some RandomNumberGenerator) throws(RSAKeyError) -> RSAPrivateKey {
        guard bitCount >= RSAPublicKey.defaultMinimumModulusBitCount else {
            throw RSAKeyError(.modulusTooSmall, "cannot generate a \(bitCount)-bit key; at least \(RSAPublicKey.defaultMinimumModulusBitCount) bits")
        }
        guard bitCount <= RSAPublicKey.maximumModulusBitCount else {
            throw RSAKeyError(.modulusTooLarge, "cannot generate a \(bitCount)-bit key; at most \(RSAPublicKey.maximumModulusBitCount) bits")
        }
        guard bitCount % 8 == 0 else {
            throw RSAKeyError(.invalidBitCount, "cannot generate a \(bitCount)-bit key; the size must be a multiple of 8")
        }
        return generateValidated(bitCount: bitCount, using: &generator)
    }

    /// Generation for a size already known to be a multiple of 8 within 2048…8192.
    private static func generateValidated(bitCount: Int, using generator: inout some RandomNumberGenerator) -> RSAPrivateKey {
        let e = BigUInt(generatedPublicExponent)
        let one = BigUInt(1)
        while true {
            let p = PrimeGeneration.randomPrime(bitCount: bitCount / 2, coprimeTo: generatedPublicExponent, using: &generator)
            let q = PrimeGeneration.randomPrime(bitCount: bitCount / 2, coprimeTo: generatedPublicExponent, using: &generator)
            guard p != q else { continue }
            let n = p * q
            let phi = (p - one) * (q - one)
            // e is an odd prime not dividing p − 1 or q − 1, so phi is invertible modulo e.
            // d = (k·phi + 1) / e with k = −phi⁻¹ mod e makes e·d ≡ 1 (mod phi).
            guard let phiInverse = phi.inverse(modulo: e) else { continue }
            let k = e - phiInverse
            let (d, remainder) = (k * phi + one).quotientAndRemainder(dividingBy: generatedPublicExponent)
            guard remainder == 0, n.bitCount == bitCount,
                  let publicKey = try? RSAPublicKey(modulus: n.bigEndianBytes, publicExponent: e.bigEndianBytes),
                  let key = crtParameters(publicKey: publicKey, d: d, p: p, q: q) else { continue }
            return key
        }
    }
}
