import Foundation
import Testing
@testable import JOSE

/// One 2048-bit development key for the whole test run (generation is slow in debug builds).
private let sharedKey = RSAPrivateKey.generate()

@Suite("RSA development signing")
struct RSASigningTests {
    static let algorithms: [(RSASignaturePadding, DigestAlgorithm)] = [
        (.pkcs1v15, .sha256), (.pkcs1v15, .sha384), (.pkcs1v15, .sha512), (.pss, .sha256), (.pss, .sha384), (.pss, .sha512),
    ]

    @Test("A generated key has the requested size and e = 65537")
    func generatedKeyShape() {
        #expect(sharedKey.publicKey.modulusBitCount == 2048)
        #expect(sharedKey.publicKey.publicExponent == [0x01, 0x00, 0x01])
        #expect(sharedKey.prime1.count == 128 && sharedKey.prime2.count == 128)
    }

    @Test("Sign then verify, and tampering is refused", arguments: 0..<algorithms.count)
    func roundTrip(index: Int) {
        let (padding, digest) = Self.algorithms[index]
        let message = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXYifQ".utf8)
        let signature = sharedKey.signature(for: message, padding: padding, digest: digest)
        let publicKey = sharedKey.publicKey
        #expect(signature.count == 256)
        #expect(publicKey.isValidSignature(signature, for: message, padding: padding, digest: digest))
        #expect(!publicKey.isValidSignature(signature, for: message + [0x2E], padding: padding, digest: digest))
        var flipped = signature
        flipped[100] ^= 0x01
        #expect(!publicKey.isValidSignature(flipped, for: message, padding: padding, digest: digest))
        // The other padding and the other digests do not accept it.
        let otherPadding: RSASignaturePadding = padding == .pss ? .pkcs1v15 : .pss
        #expect(!publicKey.isValidSignature(signature, for: message, padding: otherPadding, digest: digest))
        for other in DigestAlgorithm.allCases where other != digest {
            #expect(!publicKey.isValidSignature(signature, for: message, padding: padding, digest: other))
        }
        // Length is checked before anything else: a leading zero byte or a missing byte is refused.
        #expect(!publicKey.isValidSignature([0] + signature, for: message, padding: padding, digest: digest))
        #expect(!publicKey.isValidSignature(signature.dropFirst(), for: message, padding: padding, digest: digest))
    }

    @Test("PKCS#1 v1.5 signatures are deterministic; PSS signatures use a fresh salt")
    func determinism() {
        let message = Array("same message".utf8)
        #expect(sharedKey.signature(for: message, padding: .pkcs1v15, digest: .sha256)
                == sharedKey.signature(for: message, padding: .pkcs1v15, digest: .sha256))
        #expect(sharedKey.signature(for: message, padding: .pss, digest: .sha256)
                != sharedKey.signature(for: message, padding: .pss, digest: .sha256))
    }

    @Test("A key re-imported from its JWK members signs identically")
    func jwkRoundTrip() throws {
        let imported = try RSAPrivateKey(
            modulus: sharedKey.publicKey.modulus, publicExponent: sharedKey.publicKey.publicExponent,
            privateExponent: sharedKey.privateExponent, prime1: sharedKey.prime1, prime2: sharedKey.prime2)
        #expect(imported.publicKey == sharedKey.publicKey)
        let message = Array("jwk".utf8)
        #expect(imported.signature(for: message, padding: .pkcs1v15, digest: .sha384)
                == sharedKey.signature(for: message, padding: .pkcs1v15, digest: .sha384))
        // Swapping p and q changes the CRT coefficient but not the signature.
        let swapped = try RSAPrivateKey(
            modulus: sharedKey.publicKey.modulus, publicExponent: sharedKey.publicKey.publicExponent,
            privateExponent: sharedKey.privateExponent, prime1: sharedKey.prime2, prime2: sharedKey.prime1)
        #expect(swapped.signature(for: message, padding: .pkcs1v15, digest: .sha384)
                == sharedKey.signature(for: message, padding: .pkcs1v15, digest: .sha384))
    }

    @Test("Inconsistent private key members are refused")
    func invalidPrivateKeys() {
        let n = sharedKey.publicKey.modulus
        let e = sharedKey.publicKey.publicExponent
        let d = sharedKey.privateExponent
        let p = sharedKey.prime1
        let q = sharedKey.prime2
        var wrongD = d
        wrongD[wrongD.count - 1] ^= 0x02
        let cases: [(String, [UInt8], [UInt8], [UInt8], [UInt8])] = [
            ("d does not invert e", n, wrongD, p, q),
            ("p = q", n, d, p, p),
            ("p = 1", n, d, [1], q),
            ("q is not a factor", n, d, p, q.dropLast() + [q[q.count - 1] &+ 2]),
            ("d = 1", n, [1], p, q),
        ]
        for (name, modulus, privateExponent, prime1, prime2) in cases {
            #expect(throws: RSAKeyError(.invalidPrivateKey, ""), "\(name)") {
                try RSAPrivateKey(modulus: modulus, publicExponent: e, privateExponent: privateExponent, prime1: prime1, prime2: prime2)
            }
        }
    }

    @Test("RFC 7515 A.2: the RS256 example signature is reproduced from the JWK and verifies")
    func rfc7515AppendixA2() throws {
        let url = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil))
            .appendingPathComponent("jose/rfc7515-appendix-a.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let examples = try #require(document["examples"] as? [[String: Any]])
        let example = try #require(examples.first { $0["alg"] as? String == "RS256" })
        let jwk = try #require(example["jwk"] as? [String: String])
        func member(_ name: String) throws -> [UInt8] { try Base64URL.decode(try RSATestSupport.field(jwk, name, as: String.self)) }
        let key = try RSAPrivateKey(modulus: member("n"), publicExponent: member("e"), privateExponent: member("d"),
                                    prime1: member("p"), prime2: member("q"))
        let signingInput = Array(try RSATestSupport.field(example, "signing_input", as: String.self).utf8)
        let expected = try Base64URL.decode(try RSATestSupport.field(example, "signature_b64u", as: String.self))
        #expect(key.signature(for: signingInput, padding: .pkcs1v15, digest: .sha256) == expected)
        #expect(key.publicKey.isValidSignature(expected, for: signingInput, padding: .pkcs1v15, digest: .sha256))
        print("rfc7515 A.2 RS256: 1 signature reproduced and verified")
    }

    @Test("One key verifies concurrently from many tasks (no shared mutable state)")
    func concurrentVerification() async {
        let publicKey = sharedKey.publicKey
        let message = Array("concurrent".utf8)
        let signature = sharedKey.signature(for: message, padding: .pkcs1v15, digest: .sha256)
        var forged = signature
        forged[forged.count - 1] ^= 0x80
        let tampered = forged
        let results = await withTaskGroup(of: (Bool, Bool).self) { group in
            for _ in 0..<16 {
                group.addTask {
                    (publicKey.isValidSignature(signature, for: message, padding: .pkcs1v15, digest: .sha256),
                     publicKey.isValidSignature(tampered, for: message, padding: .pkcs1v15, digest: .sha256))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0.0 && !$0.1 })
    }
}
