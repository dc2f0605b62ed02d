import Testing
@testable import JOSE

/// attacks.md part A3, items 15 and 16, as executable checks on the verifier.
@Suite("RSA signature attacks")
struct RSASignatureAttackTests {
    /// ⌊∛value⌋ by binary search over the bits (test-only; a few hundred BigUInt products).
    private func integerCubeRoot(_ value: BigUInt) -> BigUInt {
        var root = BigUInt(0)
        for bit in stride(from: value.bitCount / 3 + 1, through: 0, by: -1) {
            let candidate = root + (BigUInt(1) << bit)
            if candidate * candidate * candidate <= value { root = candidate }
        }
        return root
    }

    @Test("Bleichenbacher 2006: an e = 3 cube-root forgery with garbage after the digest is refused")
    func bleichenbacherCubeRootForgery() throws {
        // A 3072-bit odd modulus with e = 3 (its factors do not matter: the forgery needs none).
        let key = try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 3072), publicExponent: [3])
        let message = Array("forged".utf8)
        let digest = DigestAlgorithm.sha256.hash(message)
        // What a lax parser looks for: 00 01 FF…FF 00 DigestInfo(H) and then it stops reading.
        let prefix: [UInt8] = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 8) + [0x00]
            + EMSAPKCS1v15.digestInfoPrefix(.sha256) + digest
        let garbageByteCount = key.signatureByteCount - prefix.count
        // s = ⌈∛(prefix · 256^garbage)⌉; s³ starts with the prefix and hides the error in the garbage.
        let target = BigUInt(bigEndian: prefix) << (8 * garbageByteCount)
        var s = integerCubeRoot(target)
        if s * s * s < target { s = s + BigUInt(1) }
        let signature = s.bigEndianBytes(count: key.signatureByteCount)

        // It really is a forgery for a parser that reads only the prefix …
        let recovered = try #require(signature.withUnsafeBytes { key.recoverEncodedMessage($0) })
        #expect(Array(recovered.prefix(prefix.count)) == prefix)
        #expect(recovered.dropFirst(prefix.count).contains { $0 != 0 })  // … followed by garbage
        // … and encode-and-compare refuses it.
        #expect(!key.isValidSignature(signature, for: message, padding: .pkcs1v15, digest: .sha256))
    }

    @Test("A signature not reduced modulo n (s + n) is refused although (s + n)^e ≡ s^e")
    func unreducedSignature() throws {
        let file = try RSATestSupport.wycheproof("rsa_signature_2048_sha256_test.json")
        let groups = try RSATestSupport.field(file, "testGroups", as: [[String: Any]].self)
        let group = try #require(groups.first)
        let key = try RSAPublicKey(derRepresentation: RSATestSupport.hexField(group, "publicKeyDer"))
        let n = BigUInt(bigEndian: key.modulus)
        var checked = 0
        for test in try RSATestSupport.field(group, "tests", as: [[String: Any]].self)
        where try RSATestSupport.field(test, "result", as: String.self) == "valid" {
            let message = try RSATestSupport.hexField(test, "msg")
            let signature = try RSATestSupport.hexField(test, "sig")
            let unreduced = BigUInt(bigEndian: signature) + n
            guard unreduced.bitCount <= key.modulusBitCount else { continue }  // must still be 256 bytes
            #expect(key.isValidSignature(signature, for: message, padding: .pkcs1v15, digest: .sha256))
            #expect(!key.isValidSignature(unreduced.bigEndianBytes(count: key.signatureByteCount), for: message,
                                          padding: .pkcs1v15, digest: .sha256), "tcId \(test["tcId"] ?? "?") + n")
            checked += 1
        }
        #expect(checked > 0, "no valid signature small enough to add n to")
    }

    @Test("Edge signature values 0, 1, n − 1 and n, and wrong lengths, are refused")
    func edgeValues() throws {
        let key = try RSAPublicKey(derRepresentation: RSATestSupport.wycheproofKey2048().der)
        let n = BigUInt(bigEndian: key.modulus)
        let length = key.signatureByteCount
        let message = Array("m".utf8)
        for (name, value) in [("0", BigUInt(0)), ("1", BigUInt(1)), ("n − 1", n - BigUInt(1)), ("n", n)] {
            for padding in [RSASignaturePadding.pkcs1v15, .pss] {
                #expect(!key.isValidSignature(value.bigEndianBytes(count: length), for: message, padding: padding, digest: .sha256), "\(name)")
            }
        }
        // All-ones is above n: refused before any arithmetic.
        let allOnes = [UInt8](repeating: 0xFF, count: length)
        #expect(allOnes.withUnsafeBytes { key.recoverEncodedMessage($0) } == nil)
        for wrongLength in [0, 1, length - 1, length + 1, 2 * length] {
            #expect(!key.isValidSignature([UInt8](repeating: 0x01, count: wrongLength), for: message, padding: .pkcs1v15, digest: .sha256))
        }
    }
}
