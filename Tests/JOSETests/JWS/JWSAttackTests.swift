import Foundation
import Testing
@testable import JOSE

/// One test per entry of ../shared/attacks.md part A that concerns a JWS verifier, named
/// `A<n>` after the catalogue. Entries 32–35, 37 and 38–41 (claims, audience, issuer, token
/// type, bearer transport, error oracles) belong to the Entra middleware, not to JWS
/// verification; of entry 36 only the signature behaviour is checked here.
@Suite("attacks.md part A: JWS verifier")
struct JWSAttackTests {
    typealias Support = JWSTestSupport

    private static let payload = #"{"sub":"alice","exp":4102444800}"#

    // MARK: Keys from the RFC examples (private halves only used to mint test tokens)

    private func rsaKeyA2() throws -> (RSAPrivateKey, JSONObject) {
        let jwk = try #require(try Support.rfc7515Example("A.2")["jwk"]?.objectValue)
        func bytes(_ name: String) throws -> [UInt8] { try Base64URL.decode(try #require(jwk[name]?.stringValue)) }
        let key = try RSAPrivateKey(modulus: try bytes("n"), publicExponent: try bytes("e"), privateExponent: try bytes("d"),
                                    prime1: try bytes("p"), prime2: try bytes("q"))
        return (key, Support.publicMembers(of: jwk))
    }

    private func ecKeyA3() throws -> (ECPrivateKey, JSONObject) {
        let jwk = try #require(try Support.rfc7515Example("A.3")["jwk"]?.objectValue)
        let key = try ECPrivateKey(curve: .p256, scalar: try Base64URL.decode(try #require(jwk["d"]?.stringValue)))
        return (key, Support.publicMembers(of: jwk))
    }

    private func rsaToken(_ key: RSAPrivateKey, header: String, payload: String = payload,
                          padding: RSASignaturePadding = .pkcs1v15, digest: DigestAlgorithm = .sha256) -> String {
        let input = Support.signingInput(header: header, payload: payload)
        return input + "." + Base64URL.encode(key.signature(for: Array(input.utf8), padding: padding, digest: digest))
    }

    private func ecToken(_ key: ECPrivateKey, header: String, payload: String = payload, digest: DigestAlgorithm = .sha256) -> String {
        let input = Support.signingInput(header: header, payload: payload)
        return input + "." + Base64URL.encode(key.signature(for: Array(input.utf8), digest: digest))
    }

    private func keySet(_ jwks: JSONObject...) throws -> JWKSet {
        try JWKSet(json: .object(JSONObject([JSONObject.Member(name: "keys", value: .array(jwks.map { .object($0) }))])))
    }

    private func with(_ jwk: JSONObject, _ extra: [String: JSONValue], removing: [String] = []) -> JSONObject {
        var members = jwk.members.filter { !removing.contains($0.name) && extra[$0.name] == nil }
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) { members.append(JSONObject.Member(name: name, value: value)) }
        return JSONObject(members)
    }

    private var hmacVerifier: JWSVerifier {
        get throws { JWSVerifier(keys: try Support.hmacKeySet(), algorithms: [.hs256]) }
    }

    private func hmac(_ header: String, payload: String = payload) -> String {
        Support.hmacToken(header: header, payload: payload, secret: Support.hmacSecret)
    }

    /// Sanity baseline for the HMAC-based entries: the well-formed token verifies.
    @Test("baseline: a well-formed HS256 token verifies") func baseline() throws {
        let verified = try hmacVerifier.verify(hmac(#"{"alg":"HS256","kid":"hmac-1"}"#))
        #expect(verified.claims?["sub"]?.stringValue == "alice")
        #expect(verified.algorithm == .hs256)
    }

    // MARK: A1 Algorithm selection

    @Test("A1 alg none (unsecured JWS) in every casing, with or without a signature")
    func a01AlgNone() throws {
        let verifier = JWSVerifier(keys: try Support.hmacKeySet(), algorithms: Set(JWSAlgorithm.allCases))
        for spelling in ["none", "None", "NONE", "nOnE"] {
            let input = Support.signingInput(header: #"{"alg":"\#(spelling)","kid":"hmac-1"}"#, payload: Self.payload)
            #expect(Support.refusal(verifier, input + ".") == .algorithmNone, "\(spelling)")
            #expect(Support.refusal(verifier, input + ".c2ln") == .algorithmNone, "\(spelling) with a signature")
            #expect(Support.refusal(verifier, input) == .malformed, "\(spelling) without the final dot")
        }
    }

    @Test("A2 case and spelling variants of alg are compared byte-for-byte")
    func a02AlgSpellingVariants() throws {
        let verifier = JWSVerifier(keys: try Support.hmacKeySet(algorithm: nil), algorithms: Set(JWSAlgorithm.allCases))
        for spelling in ["hs256", "Hs256", "HS256 ", " HS256", "HS-256", "HMAC256", "ES521"] {
            let token = hmac(#"{"alg":"\#(spelling)","kid":"hmac-1"}"#)
            #expect(Support.refusal(verifier, token) == .unsupportedAlgorithm, "\(spelling.debugDescription)")
        }
        #expect(Support.refusal(verifier, hmac(#"{"alg":256,"kid":"hmac-1"}"#)) == .invalidHeader)
        // A hostile alg string is cut short and escaped in the error message (it ends up in logs).
        do {
            _ = try verifier.verify(hmac(#"{"alg":"\#(String(repeating: "A", count: 10_000))\n","kid":"hmac-1"}"#))
            Issue.record("accepted a 10 000-character alg")
        } catch {
            #expect(error.reason == .unsupportedAlgorithm)
            #expect(error.description.count < 200)
            #expect(!error.description.contains("\n"))
        }
        #expect(Support.refusal(verifier, hmac(#"{"kid":"hmac-1"}"#)) == .invalidHeader)
    }

    @Test("A3 HS256 with the RSA/EC public key (PEM, DER, JWK, modulus, point bytes) as the HMAC secret")
    func a03KeyConfusion() throws {
        let file = try Support.loadJSON("wycheproof/rsa_signature_2048_sha256_test.json")
        let group = try #require(file["testGroups"]?.arrayValue?.first)
        let rsaJWK = try #require(group["keyJwk"]?.objectValue)
        let pem = try #require(group["publicKeyPem"]?.stringValue)
        let der = try #require(group["publicKeyDer"]?.stringValue)
        let derBytes = stride(from: 0, to: der.count, by: 2).map { offset -> UInt8 in
            let start = der.index(der.startIndex, offsetBy: offset)
            return UInt8(der[start...der.index(after: start)], radix: 16) ?? 0
        }
        let ecJWK = try ecKeyA3().1
        // Entra-style keys (no alg) and keys pinned to their algorithm; HS256 even allowed.
        for (jwk, kty) in [(with(rsaJWK, [:], removing: ["alg"]), "RSA"), (rsaJWK, "RSA"), (ecJWK, "EC")] {
            let kid = jwk["kid"]?.stringValue
            let keys = try keySet(jwk)
            let verifier = JWSVerifier(keys: keys, algorithms: [.rs256, .es256, .hs256])
            let key = try #require(keys.keys.first)
            var secrets: [[UInt8]] = [Array(JSONWriter.serialize(.object(jwk)).utf8), Array(pem.utf8), derBytes]
            switch key.material {
            case .rsa(let publicKey): secrets += [publicKey.modulus, try Base64URL.decode(try #require(jwk["n"]?.stringValue))]
            case .ec(let publicKey): secrets += [[0x04] + publicKey.x + publicKey.y, publicKey.x]
            case .octet: Issue.record("unexpected oct key")
            }
            let header = kid.map { #"{"alg":"HS256","kid":"\#($0)"}"# } ?? #"{"alg":"HS256"}"#
            for secret in secrets {
                let token = Support.hmacToken(header: header, payload: Self.payload, secret: secret)
                #expect(Support.refusal(verifier, token) == .keyTypeMismatch, "\(kty) key material used as an HMAC secret")
            }
        }
    }

    @Test("A4 the token's alg must equal the key's alg, and exactly that alg is used")
    func a04HeaderAlgVersusKeyAlg() throws {
        let (privateKey, publicJWK) = try rsaKeyA2()
        let pinned = with(publicJWK, ["alg": .string("RS256"), "kid": .string("rsa-1")])
        let verifier = JWSVerifier(keys: try keySet(pinned), algorithms: [.rs256, .ps256, .rs384])
        let good = rsaToken(privateKey, header: #"{"alg":"RS256","kid":"rsa-1"}"#)
        #expect(try verifier.verify(good).algorithm == .rs256)
        let pss = rsaToken(privateKey, header: #"{"alg":"PS256","kid":"rsa-1"}"#, padding: .pss)
        #expect(Support.refusal(verifier, pss) == .keyAlgorithmMismatch)
        // An RS384 header over an RS256 signature: the verifier uses RS384 only, so it fails.
        let unpinned = JWSVerifier(keys: try keySet(with(publicJWK, ["kid": .string("rsa-1")])), algorithms: [.rs256, .rs384])
        let relabelled = rsaToken(privateKey, header: #"{"alg":"RS384","kid":"rsa-1"}"#, digest: .sha256)
        #expect(Support.refusal(unpinned, relabelled) == .invalidSignature)
        // Allowed by the key but not by the caller's allow-list.
        let rsOnly = JWSVerifier(keys: try keySet(with(publicJWK, ["kid": .string("rsa-1")])), algorithms: [.rs256])
        #expect(Support.refusal(rsOnly, pss) == .algorithmNotAllowed)
    }

    @Test("A5 cross-family swaps inside one key type (RS↔PS, ES384 on P-256, ES512/ES521)")
    func a05CrossFamilySwaps() throws {
        let (rsaKey, rsaJWK) = try rsaKeyA2()
        let rsaVerifier = JWSVerifier(keys: try keySet(rsaJWK), algorithms: [.rs256, .ps256])
        // A PKCS#1 v1.5 signature relabelled PS256 does not verify as PSS, and vice versa.
        let input = Support.signingInput(header: #"{"alg":"PS256"}"#, payload: Self.payload)
        let pkcs1Signature = rsaKey.signature(for: Array(input.utf8), padding: .pkcs1v15, digest: .sha256)
        #expect(Support.refusal(rsaVerifier, input + "." + Base64URL.encode(pkcs1Signature)) == .invalidSignature)
        let input2 = Support.signingInput(header: #"{"alg":"RS256"}"#, payload: Self.payload)
        let pssSignature = rsaKey.signature(for: Array(input2.utf8), padding: .pss, digest: .sha256)
        #expect(Support.refusal(rsaVerifier, input2 + "." + Base64URL.encode(pssSignature)) == .invalidSignature)

        let (ecKey, ecJWK) = try ecKeyA3()
        let ecVerifier = JWSVerifier(keys: try keySet(ecJWK), algorithms: [.es256, .es384])
        let es384 = ecToken(ecKey, header: #"{"alg":"ES384"}"#, digest: .sha384)
        #expect(Support.refusal(ecVerifier, es384) == .keyCurveMismatch)
        for name in ["ES512", "ES521", "ES256K"] {
            #expect(Support.refusal(ecVerifier, ecToken(ecKey, header: #"{"alg":"\#(name)"}"#)) == .unsupportedAlgorithm, "\(name)")
        }
        #expect(try ecVerifier.verify(ecToken(ecKey, header: #"{"alg":"ES256"}"#)).algorithm == .es256)
    }

    // MARK: A2 Key selection and header key injection

    @Test("A6 an embedded jwk header is refused, never used")
    func a06EmbeddedJWK() throws {
        let attackerSecret = [UInt8](repeating: 0x41, count: 32)
        let header = #"{"alg":"HS256","kid":"hmac-1","jwk":{"kty":"oct","k":"\#(Base64URL.encode(attackerSecret))"}}"#
        let token = Support.hmacToken(header: header, payload: Self.payload, secret: attackerSecret)
        #expect(Support.refusal(try hmacVerifier, token) == .embeddedKey)
        // Also when the attacker signs with our own key: the header is refused regardless.
        #expect(Support.refusal(try hmacVerifier, hmac(header)) == .embeddedKey)
    }

    @Test("A7 jku and x5u URL headers are refused, nothing is fetched")
    func a07JkuX5u() throws {
        for name in ["jku", "x5u"] {
            let token = hmac(#"{"alg":"HS256","kid":"hmac-1","\#(name)":"http://127.0.0.1:1/jwks.json"}"#)
            #expect(Support.refusal(try hmacVerifier, token) == .embeddedKey, "\(name)")
        }
    }

    @Test("A8 x5c is refused; x5t#S256 is ignored; x5t selects a key only when there is no kid")
    func a08CertificateHeaders() throws {
        let x5c = hmac(#"{"alg":"HS256","kid":"hmac-1","x5c":["MIIBIjANBgkq"]}"#)
        #expect(Support.refusal(try hmacVerifier, x5c) == .embeddedKey)
        // Entra sends x5t next to kid; then it neither selects nor blocks a key.
        let x5t = hmac(#"{"alg":"HS256","kid":"hmac-1","x5t":"attacker-thumbprint","x5t#S256":"x"}"#)
        #expect(try hmacVerifier.verify(x5t).claims?["sub"]?.stringValue == "alice")
        let x5tWithoutKid = JWSVerifier(keys: try keySet(
            with(try rsaKeyA2().1, ["kid": .string("a")]), with(try rsaKeyA2().1, ["kid": .string("b")])))
        let (rsaKey, _) = try rsaKeyA2()
        // Without kid, x5t is the selector (Entra v1 tokens): it must name exactly one key by its
        // x5t or kid; an x5t that names none is keyNotFound, never a fallback to "any key".
        #expect(Support.refusal(x5tWithoutKid, rsaToken(rsaKey, header: #"{"alg":"RS256","x5t":"a"}"#)) == nil)
        #expect(Support.refusal(x5tWithoutKid, rsaToken(rsaKey, header: #"{"alg":"RS256","x5t":"c"}"#)) == .keyNotFound)
        #expect(Support.refusal(x5tWithoutKid, rsaToken(rsaKey, header: #"{"alg":"RS256"}"#)) == .ambiguousKey)
    }

    @Test("A9 kid injection: exact opaque string match, type and length checked")
    func a09KidInjection() throws {
        let verifier = try hmacVerifier
        for kid in ["../../dev/null", "/dev/null", "hmac-1' OR '1'='1", "hmac-1; rm -rf /", "http://127.0.0.1/key", "", "HMAC-1", "hmac-1 ", "hmac-1\\u0000"] {
            #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"\#(kid)"}"#)) == .keyNotFound, "\(kid.debugDescription)")
        }
        for kid in ["1", "null", "true", #"["hmac-1"]"#, #"{"x":"hmac-1"}"#] {
            #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":\#(kid)}"#)) == .invalidHeader, "\(kid)")
        }
        let long = String(repeating: "k", count: JWSVerifier.maximumKeyIDByteCount + 1)
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"\#(long)"}"#)) == .invalidHeader)
        // An empty HMAC key is never loaded, so "../../dev/null → empty key" has nothing to reach.
        #expect(throws: JOSEError.self) { try JWK(parsing: Array(#"{"kty":"oct","k":""}"#.utf8)) }
    }

    @Test("A10 missing kid with several candidates, or duplicate kid: never first-wins")
    func a10AmbiguousKeys() throws {
        let other = JWK(material: .octet([UInt8](repeating: 9, count: 32)), keyID: "hmac-1", use: "sig", algorithm: "HS256")
        let mine = JWK(material: .octet(Support.hmacSecret), keyID: "hmac-1", use: "sig", algorithm: "HS256")
        for keys in [[mine, other], [other, mine]] {
            let verifier = JWSVerifier(keys: try JWKSet(keys: keys), algorithms: [.hs256])
            #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)) == .ambiguousKey)
        }
        let twoKeys = JWSVerifier(keys: try JWKSet(keys: [mine, JWK(material: .octet(Support.hmacSecret), keyID: "hmac-2")]),
                                  algorithms: [.hs256])
        #expect(Support.refusal(twoKeys, hmac(#"{"alg":"HS256"}"#)) == .ambiguousKey)
        #expect(try twoKeys.verify(hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)).key.keyID == "hmac-1")
        // Without kid, exactly one key able to verify the alg is accepted.
        #expect(try hmacVerifier.verify(hmac(#"{"alg":"HS256"}"#)).key.keyID == "hmac-1")
        // A shared kid across key types is disambiguated by alg, not by order.
        let (rsaKey, rsaJWK) = try rsaKeyA2()
        let (ecKey, ecJWK) = try ecKeyA3()
        for order in [[rsaJWK, ecJWK], [ecJWK, rsaJWK]] {
            let mixed = JWSVerifier(keys: try keySet(with(order[0], ["kid": .string("shared")]), with(order[1], ["kid": .string("shared")])),
                                    algorithms: [.es256, .rs256])
            #expect(try mixed.verify(rsaToken(rsaKey, header: #"{"alg":"RS256","kid":"shared"}"#)).algorithm == .rs256)
            #expect(try mixed.verify(ecToken(ecKey, header: #"{"alg":"ES256","kid":"shared"}"#)).algorithm == .es256)
        }
        // A kid shared with a key refused at load time is ambiguous as well.
        let secret = Base64URL.encode(Support.hmacSecret)
        let withBroken = try JWKSet(parsing: Array(#"{"keys":[{"kty":"oct","kid":"hmac-1","k":"\#(secret)"},{"kty":"oct","kid":"hmac-1","k":""}]}"#.utf8))
        #expect(withBroken.rejectedKeys.count == 1)
        #expect(Support.refusal(JWSVerifier(keys: withBroken, algorithms: [.hs256]), hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)) == .ambiguousKey)
    }

    @Test("A11 wrong key usage in the JWKS: use enc, key_ops, private keys, bad RSA/EC keys")
    func a11WrongKeyUsage() throws {
        let token = hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)
        let secret = Base64URL.encode(Support.hmacSecret)
        let cases: [(String, JOSEError.Reason)] = [
            (#"{"kty":"oct","kid":"hmac-1","use":"enc","k":"\#(secret)"}"#, .keyUseMismatch),
            (#"{"kty":"oct","kid":"hmac-1","key_ops":["encrypt","sign"],"k":"\#(secret)"}"#, .keyUseMismatch),
            (#"{"kty":"oct","kid":"hmac-1","alg":"A256GCM","k":"\#(secret)"}"#, .keyAlgorithmMismatch),
        ]
        for (jwk, reason) in cases {
            let verifier = JWSVerifier(keys: try JWKSet(parsing: Array(jwk.utf8)), algorithms: [.hs256])
            #expect(Support.refusal(verifier, token) == reason, "\(jwk)")
        }
        #expect(try JWSVerifier(keys: try JWKSet(parsing: Array(#"{"kty":"oct","kid":"hmac-1","key_ops":["sign","verify"],"k":"\#(secret)"}"#.utf8)),
                                algorithms: [.hs256]).verify(token).key.keyID == "hmac-1")

        // Private RSA material refuses the whole set, and so does a secret next to public keys.
        let privateJWK = try #require(try Support.rfc7515Example("A.2")["jwk"]?.objectValue)
        let octJWK = JSONObject([JSONObject.Member(name: "kty", value: .string("oct")), JSONObject.Member(name: "k", value: .string(secret))])
        for (jwks, reason) in [([privateJWK], JOSEError.Reason.privateKeyMaterial), ([try rsaKeyA2().1, octJWK], .mixedKeySet)] {
            do {
                _ = try JWKSet(json: .object(JSONObject([JSONObject.Member(name: "keys", value: .array(jwks.map { .object($0) }))])))
                Issue.record("key set accepted")
            } catch {
                #expect(error.reason == reason)
            }
        }

        // Bad public keys are set aside at load time; a token naming them gets keyRejected.
        let (_, ecJWK) = try ecKeyA3()
        let offCurveY = try Base64URL.decode(try #require(ecJWK["y"]?.stringValue)).enumerated().map { $0.offset == 31 ? $0.element ^ 1 : $0.element }
        let badKeys: [(String, JSONObject)] = [
            ("point not on the curve", with(ecJWK, ["kid": .string("bad"), "y": .string(Base64URL.encode(offCurveY))])),
            ("wrong curve", with(ecJWK, ["kid": .string("bad"), "crv": .string("P-384")])),
            ("e = 1", with(try rsaKeyA2().1, ["kid": .string("bad"), "e": .string("AQ")])),
            ("even e", with(try rsaKeyA2().1, ["kid": .string("bad"), "e": .string("AQAA")])),
        ]
        for (what, jwk) in badKeys {
            let keys = try keySet(jwk, with(ecJWK, ["kid": .string("good")]))
            #expect(keys.keys.map(\.keyID) == ["good"], "\(what)")
            #expect(keys.rejectedKeys.map(\.keyID) == ["bad"], "\(what)")
            let verifier = JWSVerifier(keys: keys, algorithms: [.es256, .rs256])
            #expect(Support.refusal(verifier, hmac(#"{"alg":"ES256","kid":"bad"}"#)) == .keyRejected, "\(what)")
        }
    }

    @Test("A11 ROCA-vulnerable RSA keys are refused (Wycheproof jws_rsa_roca_key)")
    func a11ROCAKey() throws {
        let file = try Support.loadJSON("wycheproof/json_web_key_test.json")
        let group = try #require(file["testGroups"]?.arrayValue?.first { $0["comment"]?.stringValue == "jws_rsa_roca_key" })
        let keys = try JWKSet(json: try #require(group["public"]))
        #expect(keys.keys.isEmpty)
        #expect(keys.rejectedKeys.first?.error.message.contains("ROCA") == true)
        // The fingerprint is absent from ordinary keys.
        let (_, rsaJWK) = try rsaKeyA2()
        #expect(try JWK(json: rsaJWK).rsaPublicKey?.hasROCAFingerprint == false)
    }

    // MARK: A3 Signature primitive pitfalls

    @Test("A12 ECDSA psychic signatures (r = s = 0, r = s = n) are refused")
    func a12PsychicSignatures() throws {
        let (_, ecJWK) = try ecKeyA3()
        let verifier = JWSVerifier(keys: try keySet(ecJWK), algorithms: [.es256])
        let input = Support.signingInput(header: #"{"alg":"ES256"}"#, payload: Self.payload)
        let order = Self.p256Order
        for (what, signature) in [("r = s = 0", [UInt8](repeating: 0, count: 64)), ("r = s = n", order + order),
                                  ("r = 0, s = 1", [UInt8](repeating: 0, count: 63) + [1]), ("empty-ish", [UInt8](repeating: 0, count: 1))] {
            #expect(Support.refusal(verifier, input + "." + Base64URL.encode(signature)) == .invalidSignature, "\(what)")
        }
    }

    @Test("A13 DER-encoded ECDSA signatures are refused; only raw r‖s is accepted")
    func a13DERSignature() throws {
        let (key, ecJWK) = try ecKeyA3()
        let verifier = JWSVerifier(keys: try keySet(ecJWK), algorithms: [.es256])
        let token = ecToken(key, header: #"{"alg":"ES256"}"#)
        let parts = token.split(separator: ".").map(String.init)
        let raw = try Base64URL.decode(parts[2])
        #expect(raw.count == 64)
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var value = Array(bytes.drop { $0 == 0 })
            if let first = value.first, first >= 0x80 { value.insert(0, at: 0) }
            return [0x02, UInt8(value.count)] + value
        }
        let body = integer(raw[0..<32]) + integer(raw[32..<64])
        let der = [0x30, UInt8(body.count)] + body
        #expect(Support.refusal(verifier, parts[0] + "." + parts[1] + "." + Base64URL.encode(der)) == .invalidSignature)
        #expect(try verifier.verify(token).algorithm == .es256)
        // Wrong lengths around 64 bytes.
        for signature in [raw + [0], Array(raw.dropLast()), [0] + raw] {
            #expect(Support.refusal(verifier, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)) == .invalidSignature)
        }
    }

    /// The P-256 group order n, big-endian.
    private static let p256Order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]

    @Test("A14 ECDSA malleability: both s and n − s verify (signature bytes are not an identifier)")
    func a14Malleability() throws {
        let (key, ecJWK) = try ecKeyA3()
        let verifier = JWSVerifier(keys: try keySet(ecJWK), algorithms: [.es256])
        let token = ecToken(key, header: #"{"alg":"ES256"}"#)
        let parts = token.split(separator: ".").map(String.init)
        let raw = try Base64URL.decode(parts[2])
        // n − s, big-endian byte subtraction.
        var negated = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            var difference = Int(Self.p256Order[index]) - Int(raw[32 + index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            negated[index] = UInt8(difference)
        }
        let malleated = parts[0] + "." + parts[1] + "." + Base64URL.encode(Array(raw[0..<32]) + negated)
        #expect(malleated != token)
        #expect(try verifier.verify(token).payload == verifier.verify(malleated).payload)
    }

    @Test("A15 Bleichenbacher-style PKCS#1 v1.5 forgeries (Wycheproof JWS rs256 ASN.1 variants) are refused")
    func a15Bleichenbacher() throws {
        let count = try runWycheproofGroups { $0["comment"]?.stringValue == "rs256" && ($0["tests"]?.arrayValue?.count ?? 0) > 100 }
        print("A15: \(count) json_web_signature rs256 padding/ASN.1 variants checked")
        #expect(count == 226)
    }

    @Test("A16 RSA signatures of the wrong length or out of range are refused")
    func a16RSASignatureLength() throws {
        let (key, rsaJWK) = try rsaKeyA2()
        let verifier = JWSVerifier(keys: try keySet(rsaJWK), algorithms: [.rs256])
        let token = rsaToken(key, header: #"{"alg":"RS256"}"#)
        let parts = token.split(separator: ".").map(String.init)
        let signature = try Base64URL.decode(parts[2])
        let modulus = try #require(try JWK(json: rsaJWK).rsaPublicKey?.modulus)
        for (what, forged) in [("leading zero", [0] + signature), ("trailing zero", signature + [0]), ("truncated", Array(signature.dropLast())),
                               ("zero", [UInt8](repeating: 0, count: signature.count)), ("n", modulus), ("one", [UInt8](repeating: 0, count: signature.count - 1) + [1])] {
            #expect(Support.refusal(verifier, parts[0] + "." + parts[1] + "." + Base64URL.encode(forged)) == .invalidSignature, "\(what)")
        }
        #expect(try verifier.verify(token).algorithm == .rs256)
        let count = try runWycheproofGroups { $0["comment"]?.stringValue == "ps256" }
        print("A16/A17: \(count) json_web_signature ps256 vectors (lengths, 0, 1, n−1, n, salt and mask changes) checked")
        #expect(count == 48)
    }

    @Test("A17 RSA-PSS parameters are fixed per alg (salt = hash length, MGF1 with the same hash)")
    func a17PSSParameterDrift() throws {
        let (key, rsaJWK) = try rsaKeyA2()
        let verifier = JWSVerifier(keys: try keySet(rsaJWK), algorithms: [.ps256, .ps384, .ps512])
        #expect(try verifier.verify(rsaToken(key, header: #"{"alg":"PS256"}"#, padding: .pss, digest: .sha256)).algorithm == .ps256)
        // A PS384 signature relabelled PS256 or PS512 does not verify.
        for (alg, digest) in [("PS256", DigestAlgorithm.sha384), ("PS512", .sha384), ("PS384", .sha256)] {
            #expect(Support.refusal(verifier, rsaToken(key, header: #"{"alg":"\#(alg)"}"#, padding: .pss, digest: digest)) == .invalidSignature, "\(alg)")
        }
        let count = try runWycheproofGroups { ["ps384", "ps512"].contains($0["comment"]?.stringValue ?? "") }
        print("A17: \(count) json_web_signature ps384/ps512 vectors (incl. UsingRS*/UsingPS* swaps) checked")
        #expect(count == 25)
    }

    @Test("A18 RSA moduli under 2048 bits are refused at load time")
    func a18TinyModuli() throws {
        let file = try Support.loadJSON("wycheproof/json_web_key_test.json")
        let group = try #require(file["testGroups"]?.arrayValue?.first { $0["comment"]?.stringValue == "keysize_too_small" })
        let keys = try JWKSet(json: try #require(group["public"]))
        #expect(keys.keys.isEmpty)
        #expect(keys.rejectedKeys.first?.error.reason == .invalidKey)
        let token = try #require(group["tests"]?.arrayValue?.first?["jws"]?.stringValue)
        #expect(Support.refusal(JWSVerifier(keys: keys), token) == .keyRejected)
    }

    @Test("A19 huge RSA moduli and exponents are refused at load time")
    func a19HugeModuli() throws {
        var huge = [UInt8](repeating: 0xC5, count: 2048)  // 16384-bit, odd
        huge[0] = 0xFF
        let hugeModulus = #"{"kty":"RSA","kid":"huge","n":"\#(Base64URL.encode(huge))","e":"AQAB"}"#
        let (_, rsaJWK) = try rsaKeyA2()
        let hugeExponent = with(rsaJWK, ["kid": .string("big-e"), "e": .string(Base64URL.encode([UInt8](repeating: 0xFF, count: 512)))])
        let keys = try JWKSet(json: .object(JSONObject([JSONObject.Member(name: "keys", value: .array([
            try JSONReader.parse(hugeModulus), .object(hugeExponent),
        ]))])))
        #expect(keys.keys.isEmpty)
        #expect(Set(keys.rejectedKeys.compactMap(\.keyID)) == ["huge", "big-e"])
    }

    @Test("A20 HMAC: short or empty secrets, truncated or over-long tags")
    func a20HMACPitfalls() throws {
        let verifier = try hmacVerifier
        let token = hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)
        let parts = token.split(separator: ".").map(String.init)
        let tag = try Base64URL.decode(parts[2])
        for forged in [Array(tag.prefix(16)), Array(tag.dropLast()), tag + [0], []] {
            let candidate = parts[0] + "." + parts[1] + "." + Base64URL.encode(forged)
            #expect(Support.refusal(verifier, candidate) != nil, "tag of \(forged.count) bytes")
        }
        // Short secrets: refused at load with alg, at verification without.
        let short = Base64URL.encode([UInt8](repeating: 1, count: 31))
        let withAlg = try JWKSet(parsing: Array(#"{"keys":[{"kty":"oct","kid":"s","alg":"HS256","k":"\#(short)"}]}"#.utf8))
        #expect(withAlg.rejectedKeys.first?.error.reason == .keyTooShort)
        let withoutAlg = JWSVerifier(keys: try JWKSet(parsing: Array(#"{"kty":"oct","kid":"s","k":"\#(short)"}"#.utf8)), algorithms: [.hs256, .hs512])
        let shortToken = Support.hmacToken(header: #"{"alg":"HS256","kid":"s"}"#, payload: Self.payload, secret: [UInt8](repeating: 1, count: 31))
        #expect(Support.refusal(withoutAlg, shortToken) == .keyTooShort)
        let empty = try JWKSet(parsing: Array(#"{"keys":[{"kty":"oct","kid":"e","k":""}]}"#.utf8))
        #expect(empty.keys.isEmpty)
        #expect(empty.rejectedKeys.first?.error.reason == .invalidKey)
    }

    @Test("A21 EdDSA/Ed25519 tokens and OKP keys are refused as unsupported")
    func a21EdDSA() throws {
        let example = try Support.loadJSON("jose/rfc7520-cookbook/curve25519/jws.json")
        let compact = try #require(example["output"]?["compact"]?.stringValue)
        let jwk = Support.publicMembers(of: try #require(example["input"]?["key"]?.objectValue))
        let keys = try JWKSet(json: .object(jwk))
        #expect(keys.rejectedKeys.first?.error.reason == .unsupportedKey)
        #expect(Support.refusal(JWSVerifier(keys: keys, algorithms: Set(JWSAlgorithm.allCases), payloadFormat: .bytes), compact) == .unsupportedAlgorithm)
        #expect(Support.refusal(try hmacVerifier, hmac(#"{"alg":"Ed25519","kid":"hmac-1"}"#)) == .unsupportedAlgorithm)
    }

    // MARK: A4 Serialization and parsing

    @Test("A22 signature stripping and wrong number of parts")
    func a22PartCount() throws {
        let verifier = try hmacVerifier
        let token = hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)
        let parts = token.split(separator: ".").map(String.init)
        let cases: [(String, JOSEError.Reason)] = [
            ("", .malformed), (parts[0], .malformed), (parts[0] + "." + parts[1], .malformed),
            (parts[0] + "." + parts[1] + ".", .malformed), (token + ".", .malformed), (token + "." + parts[2], .malformed),
            ("." + parts[1] + "." + parts[2], .malformed), ("..", .malformed),
        ]
        for (candidate, reason) in cases {
            #expect(Support.refusal(verifier, candidate) == reason, "\(candidate.prefix(40))")
        }
        // An empty payload is not a JWT (the default payload format wants a JSON object).
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"hmac-1"}"#, payload: "")) == .invalidJSON)
    }

    @Test("A23 a JWE (five parts, or a header with enc) is refused as JWE")
    func a23JWE() throws {
        let verifier = try hmacVerifier
        #expect(Support.refusal(verifier, "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d") == .isJWE)
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"hmac-1","enc":"A256GCM"}"#)) == .isJWE)
    }

    @Test("A24 nested JWTs (cty JWT) are refused")
    func a24NestedJWT() throws {
        for cty in ["JWT", "jwt", "application/jwt", "Application/JWT"] {
            #expect(Support.refusal(try hmacVerifier, hmac(#"{"alg":"HS256","kid":"hmac-1","cty":"\#(cty)"}"#)) == .nestedToken, "\(cty)")
        }
        #expect(try hmacVerifier.verify(hmac(#"{"alg":"HS256","kid":"hmac-1","typ":"JWT","cty":"json"}"#)).algorithm == .hs256)
    }

    @Test("A25 crit in any form is refused (no extensions are implemented)")
    func a25Crit() throws {
        for crit in [#"["exp"]"#, "[]", #"["alg"]"#, #"["absent"]"#, #"["b64","b64"]"#, #""exp""#, "null", "1"] {
            #expect(Support.refusal(try hmacVerifier, hmac(#"{"alg":"HS256","kid":"hmac-1","crit":\#(crit),"exp":1}"#)) == .unknownCritical, "\(crit)")
        }
    }

    @Test("A26 b64: false (RFC 7797) is refused, never verified over another signing input")
    func a26UnencodedPayload() throws {
        #expect(Support.refusal(try hmacVerifier, hmac(#"{"alg":"HS256","kid":"hmac-1","b64":false}"#)) == .unencodedPayload)
        #expect(Support.refusal(try hmacVerifier, hmac(#"{"alg":"HS256","kid":"hmac-1","b64":false,"crit":["b64"]}"#)) == .unencodedPayload)
        #expect(Support.refusal(try hmacVerifier, hmac(#"{"alg":"HS256","kid":"hmac-1","b64":"false"}"#)) == .invalidHeader)
    }

    @Test("A27 duplicate member names in header or payload are refused")
    func a27DuplicateMembers() throws {
        let verifier = try hmacVerifier
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","alg":"none","kid":"hmac-1"}"#)) == .duplicateMember)
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"hmac-1","kid":"other"}"#)) == .duplicateMember)
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"hmac-1"}"#, payload: #"{"exp":1,"exp":4102444800}"#)) == .duplicateMember)
        #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256","kid":"hmac-1"}"#, payload: #"{"aud":{"a":1,"a":2}}"#)) == .duplicateMember)
    }

    @Test("A28 JSON strictness in the header and payload")
    func a28JSONStrictness() throws {
        let verifier = try hmacVerifier
        let headers = ["\u{FEFF}{\"alg\":\"HS256\"}", #"{"alg":"HS256",}"#, #"{"alg":"HS256"/*c*/}"#, #"{"alg":"HS256","x":NaN}"#,
                       #"{"alg":"HS256","x":+1}"#, #"{"alg":"HS256","x":1e999999}"#, #"{"alg":"HS256","x":"\ud800"}"#,
                       #"["alg","HS256"]"#, #""HS256""#, #"{"alg":"HS256"} x"#,
                       #"{"alg":"HS256","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"]
        for header in headers {
            #expect(Support.refusal(verifier, hmac(header)) == .invalidJSON, "\(header.prefix(40))")
        }
        let invalidUTF8Header = Base64URL.encode(Array(#"{"alg":"HS256","x":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8))
        let input = invalidUTF8Header + "." + Base64URL.encode(Array(Self.payload.utf8))
        let tag = DigestAlgorithm.sha256.authenticationCode(for: Array(input.utf8), key: Support.hmacSecret)
        #expect(Support.refusal(verifier, input + "." + Base64URL.encode(tag)) == .invalidJSON)
        for payload in [#"["sub"]"#, "42", #"{"sub":"alice",}"#, "{\"sub\":\"al\u{1}ice\"}"] {
            #expect(Support.refusal(verifier, hmac(#"{"alg":"HS256"}"#, payload: payload)) == .invalidJSON, "\(payload)")
        }
    }

    @Test("A29 non-canonical base64url in any part is refused")
    func a29NonCanonicalBase64URL() throws {
        let verifier = try hmacVerifier
        let token = hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)
        let parts = token.split(separator: ".").map(String.init)
        func replacing(_ index: Int, with value: String) -> String {
            var copy = parts
            copy[index] = value
            return copy.joined(separator: ".")
        }
        for (index, part) in parts.enumerated() {
            for variant in [part + "=", part + "==", part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "+/",
                            part + "\n", " " + part, part + "A", String(part.dropLast()) + "%"] where variant != part {
                let reason = Support.refusal(verifier, replacing(index, with: variant))
                #expect(reason != nil, "part \(index) variant \(variant.suffix(6).debugDescription)")
            }
        }
        // Non-zero trailing bits: a 32-byte tag is 43 characters, the last carries 2 unused bits.
        let last = parts[2].last!
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let position = alphabet.firstIndex(of: last)!
        let sibling = alphabet[position ^ 1]
        #expect(Support.refusal(verifier, replacing(2, with: String(parts[2].dropLast()) + String(sibling))) == .invalidBase64URL)
    }

    @Test("A30 whitespace around or inside the token is refused")
    func a30Whitespace() throws {
        let verifier = try hmacVerifier
        let token = hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)
        for candidate in [" " + token, token + " ", token + "\t", token + "\r\n", token.replacingOccurrences(of: ".", with: ". ")] {
            #expect(Support.refusal(verifier, candidate) != nil, "\(candidate.debugDescription.suffix(8))")
        }
        // Whitespace inside the decoded JSON header is legal (Wycheproof tcIds 376/377).
        #expect(try verifier.verify(hmac("{ \"alg\" :\t\"HS256\" ,\r\n \"kid\":\"hmac-1\" }")).algorithm == .hs256)
    }

    @Test("A31 oversized tokens and many dots are refused before decoding")
    func a31OversizedTokens() throws {
        let verifier = try hmacVerifier
        let oversized = hmac(#"{"alg":"HS256","kid":"hmac-1"}"#, payload: #"{"pad":""# + String(repeating: "x", count: 64 * 1024) + #""}"#)
        #expect(Support.refusal(verifier, oversized) == .tooLarge)
        #expect(Support.refusal(verifier, String(repeating: ".", count: 60_000)) == .malformed)
        #expect(Support.refusal(verifier, String(repeating: "A", count: 64 * 1024 + 1)) == .tooLarge)
        let tight = JWSVerifier(keys: try Support.hmacKeySet(), algorithms: [.hs256], maximumTokenByteCount: 100)
        #expect(Support.refusal(tight, hmac(#"{"alg":"HS256","kid":"hmac-1"}"#)) == .tooLarge)
    }

    // MARK: A5 (JOSE-visible part)

    @Test("A36 a Graph-style token whose signature covers the hashed nonce is refused (no nonce workaround)")
    func a36GraphNonceHeader() throws {
        let nonce = "xyz-nonce"
        let hashedNonce = Base64URL.encode(DigestAlgorithm.sha256.hash(Array(nonce.utf8)))
        // Signed over the header with the hashed nonce, sent with the original nonce.
        let signedInput = Support.signingInput(header: #"{"alg":"HS256","kid":"hmac-1","nonce":"\#(hashedNonce)"}"#, payload: Self.payload)
        let tag = DigestAlgorithm.sha256.authenticationCode(for: Array(signedInput.utf8), key: Support.hmacSecret)
        let sent = Support.signingInput(header: #"{"alg":"HS256","kid":"hmac-1","nonce":"\#(nonce)"}"#, payload: Self.payload)
        #expect(Support.refusal(try hmacVerifier, sent + "." + Base64URL.encode(tag)) == .invalidSignature)
    }

    // MARK: Helpers

    /// Runs the json_web_signature groups matching `filter` with the Wycheproof suite's policy
    /// (all algorithms allowed, key from `public`), returning how many vectors were checked.
    private func runWycheproofGroups(_ filter: (JSONValue) -> Bool) throws -> Int {
        let file = try Support.loadJSON("wycheproof/json_web_signature_test.json")
        var count = 0
        for group in try #require(file["testGroups"]?.arrayValue) where filter(group) {
            let keys = try JWKSet(json: try #require(group["public"] ?? group["private"]))
            let verifier = JWSVerifier(keys: keys, algorithms: Set(JWSAlgorithm.allCases), payloadFormat: .bytes)
            for test in try #require(group["tests"]?.arrayValue) {
                let tcId = test["tcId"]?.numberValue?.int64Value ?? -1
                let token = try #require(test["jws"]?.stringValue)
                let accepted = Support.refusal(verifier, token) == nil
                #expect(accepted == (test["result"]?.stringValue == "valid"), "json_web_signature tcId \(tcId) \(test["comment"]?.stringValue ?? "")")
                count += 1
            }
        }
        return count
    }
}
