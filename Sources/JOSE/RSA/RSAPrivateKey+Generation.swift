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
    /// - Precondition: `bitCount` is even and within 2048…8192.
    public static func generate(bitCount: Int = 2048) -> RSAPrivateKey {
        var generator = SystemRandomNumberGenerator()
        return generate(bitCount: bitCount, using: &generator)
    }

    /// ``generate(bitCount:)`` with an explicit random source (tests may pass a seeded one).
    static func generate(bitCount: Int, using generator: inout some RandomNumberGenerator) -> RSAPrivateKey {
        precondition(bitCount % 2 == 0 && (RSAPublicKey.defaultMinimumModulusBitCount...RSAPublicKey.maximumModulusBitCount).contains(bitCount),
                     "bitCount must be even and within 2048...8192")
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
