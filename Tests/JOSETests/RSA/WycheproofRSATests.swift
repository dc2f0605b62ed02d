import Testing
@testable import JOSE

/// Loads a Wycheproof group's key through every encoding the group carries, checks that they all
/// give the same key, and returns them so a test can rotate which one it verifies with.
private func groupKeys(_ group: [String: Any], jwkField: String) throws -> [(encoding: String, key: RSAPublicKey)] {
    var keys: [(String, RSAPublicKey)] = []
    if let raw = group["publicKey"] as? [String: Any] {
        // Hex in two's complement: a leading 00 byte may appear and is allowed.
        keys.append(("publicKey (hex n, e)", try RSAPublicKey(
            modulus: RSATestSupport.hexField(raw, "modulus"),
            publicExponent: RSATestSupport.hexField(raw, "publicExponent"))))
    }
    if let der = group["publicKeyDer"] as? String {
        keys.append(("publicKeyDer (SubjectPublicKeyInfo)", try RSAPublicKey(derRepresentation: RSATestSupport.hex(der))))
    }
    if let asn = group["publicKeyAsn"] as? String {
        keys.append(("publicKeyAsn (PKCS#1)", try RSAPublicKey(derRepresentation: RSATestSupport.hex(asn))))
    }
    if let pem = group["publicKeyPem"] as? String {
        keys.append(("publicKeyPem", try RSAPublicKey(pemRepresentation: pem)))
    }
    if let jwk = group[jwkField] as? [String: Any] {
        keys.append((jwkField, try RSAPublicKey(
            modulus: Base64URL.decode(try RSATestSupport.field(jwk, "n", as: String.self)),
            publicExponent: Base64URL.decode(try RSATestSupport.field(jwk, "e", as: String.self)))))
    }
    try #require(keys.count >= 3, "expected several key encodings in the group")
    for (encoding, key) in keys.dropFirst() {
        #expect(key == keys[0].1, "\(encoding) loads a different key than \(keys[0].0)")
    }
    return keys
}

@Suite("Wycheproof RSASSA-PKCS1-v1_5 (RS256/RS384/RS512)")
struct WycheproofRSAPKCS1Tests {
    static let files = [2048, 3072, 4096, 8192].flatMap { bits in
        [256, 384, 512].map { "rsa_signature_\(bits)_sha\($0)_test.json" }
    }

    /// Policy: `valid` must verify; `invalid` must be refused; the one `acceptable` vector per
    /// file (MissingNull: DigestInfo without the NULL parameters) is refused too, because the
    /// verifier builds the one DER encoding RFC 8017 specifies and compares whole.
    /// Keys with e = 3 are accepted at load (3 ≤ e < 2³², odd), so their vectors are checked
    /// one by one like the others: encode-and-compare leaves the e = 3 forgeries nothing to exploit.
    @Test("Every vector of the file", arguments: files)
    func vectors(fileName: String) throws {
        let file = try RSATestSupport.wycheproof(fileName)
        let groups = try #require(file["testGroups"] as? [[String: Any]])
        let fileIndex = try #require(Self.files.firstIndex(of: fileName))
        var counts = (checked: 0, valid: 0, invalid: 0, acceptable: 0, exponent3: 0)
        for (groupIndex, group) in groups.enumerated() {
            let digest = try #require(DigestAlgorithm(rawValue: try RSATestSupport.field(group, "sha")))
            let keys = try groupKeys(group, jwkField: "keyJwk")
            // Rotate the encoding used to verify, so every loader verifies some vectors.
            let (encoding, key) = keys[(fileIndex + groupIndex) % keys.count]
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let tcId = try #require(test["tcId"] as? Int)
                let result = try #require(test["result"] as? String)
                let verified = key.isValidSignature(
                    try RSATestSupport.hexField(test, "sig"),
                    for: try RSATestSupport.hexField(test, "msg"),
                    padding: .pkcs1v15, digest: digest)
                #expect(verified == (result == "valid"),
                        "\(fileName) tcId \(tcId) (\(result), \(test["flags"] ?? []), \(test["comment"] ?? "")) key via \(encoding)")
                counts.checked += 1
                switch result {
                case "valid": counts.valid += 1
                case "acceptable": counts.acceptable += 1
                default: counts.invalid += 1
                }
                if key.publicExponent == [3] { counts.exponent3 += 1 }
            }
        }
        print("wycheproof \(fileName): \(counts.checked) vectors (\(counts.valid) valid, \(counts.invalid) invalid, \(counts.acceptable) acceptable refused; \(counts.exponent3) under e = 3)")
        #expect(counts.checked == file["numberOfTests"] as? Int)
        #expect(counts.valid > 0 && counts.invalid > 0)
    }
}

@Suite("Wycheproof RSASSA-PSS (PS256/PS384/PS512 profile)")
struct WycheproofRSAPSSTests {
    static let files = [
        "rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_3072_sha256_mgf1_32_test.json", "rsa_pss_4096_sha256_mgf1_32_test.json",
        "rsa_pss_2048_sha384_mgf1_48_test.json", "rsa_pss_4096_sha384_mgf1_48_test.json", "rsa_pss_4096_sha512_mgf1_64_test.json",
        "rsa_pss_2048_sha256_mgf1_0_test.json", "rsa_pss_4096_sha512_mgf1_32_test.json", "rsa_pss_misc_test.json",
    ]

    /// Policy: JWS pins PSS to MGF1 over the message digest and sLen = hLen (RFC 7518 §3.5).
    /// In groups with those parameters, `valid` must verify and `invalid` must be refused. In every
    /// other group (other salt lengths, MGF1 hash ≠ message hash, SHA-1/SHA-224) every vector is
    /// refused — including those marked `valid`, which are valid only under their own parameters —
    /// and this is checked under each of the three JWS digests.
    ///
    /// Override: `rsa_pss_2048_sha256_mgf1_0_test.json` tcId 69 ("s_len changed to 32") is invalid
    /// under its group's sLen = 0 but was made with a 32-byte salt, so it *is* a genuine PS256
    /// signature; the profile-pinned verifier must accept it under SHA-256 (and only there). The
    /// blanket rule in the vectors README does not hold for this one vector.
    static let genuineProfileSignatures: [String: [Int: DigestAlgorithm]] = [
        "rsa_pss_2048_sha256_mgf1_0_test.json": [69: .sha256],
    ]

    @Test("Every vector of the file", arguments: files)
    func vectors(fileName: String) throws {
        let file = try RSATestSupport.wycheproof(fileName)
        let groups = try #require(file["testGroups"] as? [[String: Any]])
        let fileIndex = try #require(Self.files.firstIndex(of: fileName))
        var counts = (checked: 0, valid: 0, invalid: 0, outsideProfile: 0, overridden: 0)
        for (groupIndex, group) in groups.enumerated() {
            let sha = try #require(group["sha"] as? String)
            let mgfSha = try #require(group["mgfSha"] as? String)
            let saltLength = try #require(group["sLen"] as? Int)
            let profileDigest = DigestAlgorithm(rawValue: sha).flatMap { digest in
                mgfSha == sha && saltLength == digest.digestByteCount && group["mgf"] as? String == "MGF1" ? digest : nil
            }
            let keys = try groupKeys(group, jwkField: "publicKeyJwk")
            let (encoding, key) = keys[(fileIndex + groupIndex) % keys.count]
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let tcId = try #require(test["tcId"] as? Int)
                let result = try #require(test["result"] as? String)
                let signature = try RSATestSupport.hexField(test, "sig")
                let message = try RSATestSupport.hexField(test, "msg")
                let context = "\(fileName) tcId \(tcId) (\(result), \(sha)/MGF1-\(mgfSha)/sLen \(saltLength), \(test["flags"] ?? [])) key via \(encoding)"
                if let digest = profileDigest {
                    let verified = key.isValidSignature(signature, for: message, padding: .pss, digest: digest)
                    #expect(verified == (result == "valid"), "\(context)")
                    if result == "valid" { counts.valid += 1 } else { counts.invalid += 1 }
                } else {
                    let genuine = Self.genuineProfileSignatures[fileName]?[tcId]
                    for digest in DigestAlgorithm.allCases {
                        let verified = key.isValidSignature(signature, for: message, padding: .pss, digest: digest)
                        #expect(verified == (digest == genuine), "\(context) under the pinned \(digest) profile")
                    }
                    counts.outsideProfile += 1
                    if genuine != nil { counts.overridden += 1 }
                }
                counts.checked += 1
            }
        }
        print("wycheproof \(fileName): \(counts.checked) vectors (\(counts.valid) valid verified, \(counts.invalid) invalid refused, \(counts.outsideProfile) outside the JWS profile refused, of which \(counts.overridden) overridden as a genuine PS signature)")
        #expect(counts.checked == file["numberOfTests"] as? Int)
    }
}
