import Testing
@testable import JOSE

/// Wycheproof's JOSE-level files (json_web_signature, json_web_key, json_web_encryption).
///
/// Policy, applied to every group:
/// - the key set is the group's `public` member (a JWK or a JWK Set), or `private` when there is
///   no `public` (symmetric `oct` keys); a key set that fails to load counts as a refusal;
/// - the allow-list is **every supported algorithm**, so what refuses a cross-algorithm token
///   is the key's binding (type, `alg`, `use`, `key_ops`, curve), not a narrow allow-list;
/// - the payload format is `.bytes`, since these payloads are not JWT claims (`foo`, empty, …);
/// - `valid` must verify and `invalid` must be refused (the files have no `acceptable` results);
///   JSON-serialization inputs (objects instead of strings) are fed as their JSON text and must
///   be refused, since only the compact form is supported.
@Suite("Wycheproof JOSE vectors")
struct WycheproofJOSETests {
    /// Expected outcomes that deliberately differ from the file's label, with the reason.
    private static let signatureOverrides: [Int: (valid: Bool, why: String)] = [
        // ../shared/vectors/README.md §1 "Known-bad vectors": byte-identical to the valid tcId 357
        // (the intended "=" padding was lost upstream, C2SP/wycheproof#236), so they verify.
        367: (true, "mislabelled invalidBase64Padding, identical to valid tcId 357"),
        370: (true, "mislabelled invalidBase64PaddingInPayload, identical to valid tcId 357"),
        // Same README section: a '?' is inserted and the MAC does not cover the transmitted text.
        372: (false, "mislabelled InvalidCharacterInsertedInHeader: '?' is not base64url"),
        373: (false, "mislabelled InvalidCharacterInsertedInPayload: '?' is not base64url"),
        // Groups "rfc7520"/"rfc7520WithKeyOps" pin the RSA key to alg "PS256" but Figure 20 is a
        // PS384 token. Issue item 7 and attacks.md A4: a key whose alg contradicts the token's is
        // never used, so these are refused (keyAlgorithmMismatch).
        346: (false, "key alg PS256 contradicts the PS384 token"),
        350: (false, "key alg PS256 contradicts the PS384 token"),
        // RFC 7520 §4.3 is ES512 on P-521, which this library refuses as unsupported by design.
        347: (false, "ES512 (P-521) is unsupported by design"),
        351: (false, "ES512 (P-521) is unsupported by design"),
    ]

    /// Runs every test of a JsonWebSignature/JsonWebKey file; returns (run, overridden).
    private func runSignatureFile(_ name: String, overrides: [Int: (valid: Bool, why: String)]) throws -> (Int, Int) {
        let file = try JWSTestSupport.loadJSON("wycheproof/\(name)")
        let groups = try #require(file["testGroups"]?.arrayValue)
        var count = 0
        var overridden = 0
        for group in groups {
            let keySource = try #require(group["public"] ?? group["private"])
            let keys: JWKSet?
            do {
                keys = try JWKSet(json: keySource)
            } catch {
                keys = nil
            }
            for test in try #require(group["tests"]?.arrayValue) {
                let tcId = try #require(test["tcId"]?.numberValue?.int64Value)
                let label = try #require(test["result"]?.stringValue)
                #expect(label == "valid" || label == "invalid", "tcId \(tcId): unexpected label \(label)")
                var expectValid = label == "valid"
                if let override = overrides[Int(tcId)] {
                    expectValid = override.valid
                    overridden += 1
                }
                let token = try #require(test["jws"]).stringValue ?? JSONWriter.serialize(try #require(test["jws"]))
                var outcome: String
                if let keys {
                    let verifier = JWSVerifier(keys: keys, algorithms: Set(JWSAlgorithm.allCases), payloadFormat: .bytes)
                    do {
                        _ = try verifier.verify(token)
                        outcome = "valid"
                    } catch {
                        outcome = "refused (\(error))"
                    }
                } else {
                    outcome = "refused (key set did not load)"
                }
                let comment = test["comment"]?.stringValue ?? ""
                #expect((outcome == "valid") == expectValid,
                        "\(name) tcId \(tcId) [\(group["comment"]?.stringValue ?? "")] \(comment): expected \(expectValid ? "valid" : "refused"), got \(outcome)")
                count += 1
            }
        }
        return (count, overridden)
    }

    @Test func jsonWebSignature() throws {
        let (count, overridden) = try runSignatureFile("json_web_signature_test.json", overrides: Self.signatureOverrides)
        print("wycheproof json_web_signature_test.json: \(count) vectors (\(overridden) overridden, see signatureOverrides)")
        #expect(count == 401)
        #expect(overridden == Self.signatureOverrides.count)
    }

    @Test func jsonWebKey() throws {
        let (count, overridden) = try runSignatureFile("json_web_key_test.json", overrides: [:])
        print("wycheproof json_web_key_test.json: \(count) vectors")
        #expect(count == 26)
        #expect(overridden == 0)
    }

    @Test func jsonWebEncryptionIsRefusedAsJWE() throws {
        let file = try JWSTestSupport.loadJSON("wycheproof/json_web_encryption_test.json")
        let verifier = JWSVerifier(keys: try JWKSet(keys: []), algorithms: Set(JWSAlgorithm.allCases), payloadFormat: .bytes)
        var fivePart = 0
        var other = 0
        for group in try #require(file["testGroups"]?.arrayValue) {
            for test in try #require(group["tests"]?.arrayValue) {
                let tcId = try #require(test["tcId"]?.numberValue?.int64Value)
                let jwe = try #require(test["jwe"]?.stringValue)
                let reason = JWSTestSupport.refusal(verifier, jwe)
                if jwe.split(separator: ".", omittingEmptySubsequences: false).count == 5 {
                    #expect(reason == .isJWE, "json_web_encryption tcId \(tcId): got \(String(describing: reason))")
                    fivePart += 1
                } else {
                    // Malformed JWEs (wrong part count): still never accepted.
                    #expect(reason != nil, "json_web_encryption tcId \(tcId) was accepted")
                    other += 1
                }
            }
        }
        print("wycheproof json_web_encryption_test.json: \(fivePart + other) vectors (\(fivePart) five-part refused as JWE, \(other) malformed refused)")
        #expect(fivePart + other == 139)
        #expect(fivePart == 128)
    }
}
