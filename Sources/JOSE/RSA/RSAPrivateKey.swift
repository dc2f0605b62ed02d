/// An RSA private key for **development only**: minting tokens in tests and in the local
/// identity emulator. It is not for production key custody — keys live in ordinary memory, and
/// apart from base blinding and masked table lookups no side-channel hardening is attempted.
///
/// Signing uses the Chinese Remainder Theorem with multiplicative blinding of the message
/// representative, and checks every signature with the public key before returning it.
///
/// Keys load from and save to private JWKs (`init(jwk:)`, `jwk(keyID:)`), PKCS #8 and PKCS #1
/// DER or PEM (`init(pemRepresentation:)`, `pkcs8PEMRepresentation`, `pkcs1PEMRepresentation`).
///
/// ```swift
/// let key = RSAPrivateKey.generate()                        // 2048 bits, e = 65537
/// let signature = key.signature(for: Array(signingInput.utf8), padding: .pkcs1v15, digest: .sha256)
/// assert(key.publicKey.isValidSignature(signature, for: Array(signingInput.utf8), padding: .pkcs1v15, digest: .sha256))
/// ```
public struct RSAPrivateKey: Sendable {
    /// The matching public key.
    public let publicKey: RSAPublicKey
    let privateExponentValue: BigUInt
    let prime1Value: BigUInt
    let prime2Value: BigUInt
    /// d mod (p − 1), d mod (q − 1) and q⁻¹ mod p.
    let exponent1: BigUInt
    let exponent2: BigUInt
    let coefficient: BigUInt
    let prime1Modulus: MontgomeryContext
    let prime2Modulus: MontgomeryContext

    /// Creates a key from its JWK members `n`, `e`, `d`, `p` and `q` (big-endian bytes), and
    /// checks that they belong together: p and q odd primes' product is n (primality itself is
    /// not re-tested), p ≠ q, 1 < d < n, and e·d ≡ 1 modulo p − 1 and q − 1.
    ///
    /// - Throws: ``RSAKeyError`` with reason `invalidPrivateKey`, or a public-key reason.
    public init(
        modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8]
    ) throws(RSAKeyError) {
        let publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent)
        let n = BigUInt(bigEndian: modulus)
        let e = BigUInt(publicKey.exponent)
        let d = BigUInt(bigEndian: privateExponent)
        let p = BigUInt(bigEndian: prime1)
        let q = BigUInt(bigEndian: prime2)
        let one = BigUInt(1)
        // Sizes before the product: p·q has bits(p) + bits(q) or one bit fewer, and n is capped at
        // 8192 bits, so oversized members cannot make the schoolbook multiplication run for minutes.
        guard p > one, q > one, p.isOdd, q.isOdd, p != q, p.bitCount + q.bitCount <= n.bitCount + 1, p * q == n else {
            throw RSAKeyError(.invalidPrivateKey, "p and q must be distinct odd factors with p·q = n")
        }
        guard d > one, d < n, (e * d) % (p - one) == one, (e * d) % (q - one) == one else {
            throw RSAKeyError(.invalidPrivateKey, "d is not the inverse of e modulo p − 1 and q − 1")
        }
        guard let parts = Self.crtParameters(publicKey: publicKey, d: d, p: p, q: q) else {
            throw RSAKeyError(.invalidPrivateKey, "q has no inverse modulo p")
        }
        self = parts
    }

    /// Assembles a key and its CRT parameters from already-checked values.
    private init(
        publicKey: RSAPublicKey, d: BigUInt, p: BigUInt, q: BigUInt, dp: BigUInt, dq: BigUInt, qInverse: BigUInt,
        pModulus: MontgomeryContext, qModulus: MontgomeryContext
    ) {
        self.publicKey = publicKey
        privateExponentValue = d
        prime1Value = p
        prime2Value = q
        exponent1 = dp
        exponent2 = dq
        coefficient = qInverse
        prime1Modulus = pModulus
        prime2Modulus = qModulus
    }

    /// dp, dq, qInv and the Montgomery constants of p and q.
    static func crtParameters(publicKey: RSAPublicKey, d: BigUInt, p: BigUInt, q: BigUInt) -> RSAPrivateKey? {
        let one = BigUInt(1)
        guard let qInverse = q.inverse(modulo: p),
              let pModulus = MontgomeryContext(limbs: p.limbs),
              let qModulus = MontgomeryContext(limbs: q.limbs) else { return nil }
        return RSAPrivateKey(
            publicKey: publicKey, d: d, p: p, q: q, dp: d % (p - one), dq: d % (q - one), qInverse: qInverse,
            pModulus: pModulus, qModulus: qModulus)
    }

    /// The private exponent `d`, big-endian (JWK `d`), for exporting a development key.
    public var privateExponent: [UInt8] { privateExponentValue.bigEndianBytes }
    /// The first prime factor `p`, big-endian (JWK `p`).
    public var prime1: [UInt8] { prime1Value.bigEndianBytes }
    /// The second prime factor `q`, big-endian (JWK `q`).
    public var prime2: [UInt8] { prime2Value.bigEndianBytes }
}
