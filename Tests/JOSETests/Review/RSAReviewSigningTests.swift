import Testing
@testable import JOSE

/// Development signing: the CRT fault check and blinding, and private-key import limits.
@Suite("Review: development RSA signing")
struct RSAReviewSigningTests {
    /// The 2049-bit test key with d replaced by d + (p − 1): dp is unchanged, dq is not, so every
    /// CRT result is right modulo p and wrong modulo q — the Boneh–DeMillo–Lipton fault.
    static func faultyKey() throws -> (key: RSAPrivateKey, p: BigUInt, q: BigUInt) {
        let key = try RSAReviewSupport.oddSizeKey(bitCount: 2049)
        let p = key.prime1Value
        let faultyD = key.privateExponentValue + p - BigUInt(1)
        let faulty = try #require(RSAPrivateKey.crtParameters(publicKey: key.publicKey, d: faultyD, p: p, q: key.prime2Value))
        return (faulty, p, key.prime2Value)
    }

    @Test("Why the fault check matters: one faulty CRT signature reveals a factor of n")
    func faultRevealsFactor() throws {
        let (faulty, p, q) = try Self.faultyKey()
        let n = BigUInt(bigEndian: faulty.publicKey.modulus)
        let m = BigUInt(bigEndian: try #require(EMSAPKCS1v15.encode(
            messageDigest: DigestAlgorithm.sha256.hash([1, 2, 3]), digest: .sha256, length: faulty.publicKey.signatureByteCount)))
        var generator = RSAReviewSupport.SplitMix64(seed: 1)
        let s = faulty.sign(representative: m, using: &generator)   // the raw CRT result, before the self-check
        let sToE = BigUInt(limbs: try #require(s.bigEndianBytes(count: faulty.publicKey.signatureByteCount)
            .withUnsafeBytes { faulty.publicKey.recoverEncodedMessage($0) }.map { BigUInt(bigEndian: $0).limbs }))
        #expect(sToE != m, "the injected fault did not change the signature")
        // s^e − m (mod n) is a multiple of p but not of q, so gcd(s^e − m, n) = p: n is factored.
        let difference = sToE >= m ? sToE - m : sToE + n - m
        #expect((difference % p).isZero)
        #expect(!(difference % q).isZero)
    }

    @Test("A faulty CRT result is never released: signing traps instead of returning it")
    func faultCheckTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            guard let (faulty, _, _) = try? RSAReviewSigningTests.faultyKey() else { return }  // exit 0: the test fails
            _ = faulty.signature(for: [1, 2, 3], padding: .pkcs1v15, digest: .sha256)
        }
        let standardError = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(standardError.contains("RSA signature self-check failed"), "the trap came from somewhere else: \(standardError.prefix(300))")
    }
}

/// Private-key import must bound its work by the size of n (already capped at 8192 bits) before
/// multiplying attacker-sized members: a JWK with megabyte-long `p` and `q` made `p·q` a
/// schoolbook multiplication of ~10¹⁰ limb products (minutes), before any size check.
@Suite("Review: private-key import cost")
struct RSAReviewPrivateKeyImportTests {
    @Test("Oversized p and q are refused without multiplying them", .timeLimit(.minutes(1)))
    func oversizedFactors() throws {
        let key = try RSAReviewSupport.oddSizeKey(bitCount: 2049)
        let huge = [UInt8](repeating: 0xFF, count: 1 << 19)   // 4 Mibit, odd
        let started = ContinuousClock.now
        #expect(throws: RSAKeyError(.invalidPrivateKey, "")) {
            try RSAPrivateKey(modulus: key.publicKey.modulus, publicExponent: [1, 0, 1], privateExponent: key.privateExponent,
                              prime1: huge, prime2: huge + [0xFF])
        }
        #expect(throws: RSAKeyError(.invalidPrivateKey, "")) {
            try RSAPrivateKey(modulus: key.publicKey.modulus, publicExponent: [1, 0, 1], privateExponent: huge,
                              prime1: key.prime1, prime2: key.prime2)
        }
        print("review: oversized private-key members refused in \(ContinuousClock.now - started)")
    }
}
