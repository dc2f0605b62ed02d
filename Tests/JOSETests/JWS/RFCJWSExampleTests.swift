import Foundation
import Testing
@testable import JOSE

/// Known-answer JWS examples from RFC 7515 Appendix A, RFC 7520 §4 and RFC 7797, verified with
/// public key members only (private members are stripped before the key set is built).
@Suite("RFC 7515 / 7520 / 7797 JWS examples")
struct RFCJWSExampleTests {
    private func verifier(forJWK jwk: JSONObject, algorithms: Set<JWSAlgorithm>,
                          payloadFormat: JWSVerifier.PayloadFormat) throws -> JWSVerifier {
        let keys = try JWKSet(json: .object(JWSTestSupport.publicMembers(of: jwk)))
        return JWSVerifier(keys: keys, algorithms: algorithms, payloadFormat: payloadFormat)
    }

    @Test(arguments: [("A.1", JWSAlgorithm.hs256), ("A.2", .rs256), ("A.3", .es256)])
    func rfc7515AppendixAVerifies(section: String, algorithm: JWSAlgorithm) throws {
        let example = try JWSTestSupport.rfc7515Example(section)
        let jwk = try #require(example["jwk"]?.objectValue)
        let compact = try #require(example["compact"]?.stringValue)
        let verifier = try verifier(forJWK: jwk, algorithms: [algorithm], payloadFormat: .jsonObject)
        let verified = try verifier.verify(compact)
        #expect(verified.algorithm == algorithm)
        #expect(verified.claims?["iss"]?.stringValue == "joe")
        #expect(verified.claims?["exp"]?.numberValue?.int64Value == 1_300_819_380)
        #expect(verified.claims?["http://example.com/is_root"]?.boolValue == true)
        #expect(verified.payload == Array(try #require(example["payload"]?.stringValue).utf8))
        // One flipped signature character must break it.
        var tampered = Array(compact.utf8)
        tampered[tampered.count - 2] = tampered[tampered.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(JWSTestSupport.refusal(verifier, String(decoding: tampered, as: UTF8.self)) != nil)
        print("rfc7515 \(section) \(algorithm.rawValue): verified")
    }

    @Test func rfc7515A4ES512IsRefusedAsUnsupported() throws {
        let example = try JWSTestSupport.rfc7515Example("A.4")
        let compact = try #require(example["compact"]?.stringValue)
        let jwk = try #require(example["jwk"]?.objectValue)
        // The P-521 key itself is set aside as unsupported when loaded.
        let keys = try JWKSet(json: .object(JWSTestSupport.publicMembers(of: jwk)))
        #expect(keys.keys.isEmpty)
        #expect(keys.rejectedKeys.first?.error.reason == .unsupportedKey)
        let verifier = JWSVerifier(keys: keys, algorithms: Set(JWSAlgorithm.allCases))
        #expect(JWSTestSupport.refusal(verifier, compact) == .unsupportedAlgorithm)
    }

    @Test func rfc7515A5NoneIsRefused() throws {
        let example = try JWSTestSupport.rfc7515Example("A.5")
        let compact = try #require(example["compact"]?.stringValue)
        let verifier = JWSVerifier(keys: try JWSTestSupport.hmacKeySet(), algorithms: Set(JWSAlgorithm.allCases))
        #expect(JWSTestSupport.refusal(verifier, compact) == .algorithmNone)
    }

    @Test func rfc7515PrivateJWKIsRefusedByAKeySet() throws {
        let example = try JWSTestSupport.rfc7515Example("A.2")
        let jwk = try #require(example["jwk"]?.objectValue)
        #expect(jwk.contains(name: "d"))
        #expect(throws: JOSEError.self) { try JWKSet(json: .object(jwk)) }
        do {
            _ = try JWKSet(json: .object(jwk))
        } catch {
            #expect(error.reason == .privateKeyMaterial)
        }
        // A single JWK keeps only the public half and says so.
        let single = try JWK(json: jwk)
        #expect(single.containsPrivateKeyMaterial)
        #expect(!single.members.contains(name: "d"))
    }

    @Test(arguments: [
        ("jws/4_1.rsa_v15_signature.json", JWSAlgorithm.rs256),
        ("jws/4_2.rsa-pss_signature.json", .ps384),
        ("jws/4_4.hmac-sha2_integrity_protection.json", .hs256),
    ])
    func rfc7520Section4Verifies(path: String, algorithm: JWSAlgorithm) throws {
        let example = try JWSTestSupport.loadJSON("jose/rfc7520-cookbook/\(path)")
        let jwk = try #require(example["input"]?["key"]?.objectValue)
        let compact = try #require(example["output"]?["compact"]?.stringValue)
        let payload = try #require(example["input"]?["payload"]?.stringValue)
        let verifier = try verifier(forJWK: jwk, algorithms: [algorithm], payloadFormat: .bytes)
        let verified = try verifier.verify(compact)
        #expect(verified.algorithm == algorithm)
        #expect(verified.payload == Array(payload.utf8))
        #expect(verified.keyID == jwk["kid"]?.stringValue)
        print("rfc7520 \(path) \(algorithm.rawValue): verified")
    }

    @Test func rfc7520Section43ES512IsRefusedAsUnsupported() throws {
        let example = try JWSTestSupport.loadJSON("jose/rfc7520-cookbook/jws/4_3.ecdsa_signature.json")
        let compact = try #require(example["output"]?["compact"]?.stringValue)
        let verifier = JWSVerifier(keys: try JWSTestSupport.hmacKeySet(), algorithms: Set(JWSAlgorithm.allCases), payloadFormat: .bytes)
        #expect(JWSTestSupport.refusal(verifier, compact) == .unsupportedAlgorithm)
    }

    @Test func rfc7797UnencodedPayloadIsRefused() throws {
        let example = try JWSTestSupport.loadJSON("jose/rfc7520-cookbook/rfc7797/hmac-sha2_b64_false.json")
        let compact = try #require(example["output"]?["compact"]?.stringValue)
        let jwk = try #require(example["input"]?["key"]?.objectValue)
        let verifier = try verifier(forJWK: jwk, algorithms: [.hs256], payloadFormat: .bytes)
        #expect(JWSTestSupport.refusal(verifier, compact) == .unencodedPayload)
    }

    @Test func rfc7520JWEExamplesAreRefusedAsJWE() throws {
        let folder = JWSTestSupport.vectorsURL.appendingPathComponent("jose/rfc7520-cookbook/jwe")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let verifier = JWSVerifier(keys: try JWSTestSupport.hmacKeySet(), algorithms: Set(JWSAlgorithm.allCases))
        var count = 0
        for file in files {
            let example = try JWSTestSupport.loadJSON("jose/rfc7520-cookbook/jwe/\(file)")
            guard let compact = example["output"]?["compact"]?.stringValue else { continue }
            #expect(JWSTestSupport.refusal(verifier, compact) == .isJWE, "\(file)")
            count += 1
        }
        print("rfc7520 jwe/*.json: \(count) compact JWEs refused as JWE")
        #expect(count >= 8)
    }
}
