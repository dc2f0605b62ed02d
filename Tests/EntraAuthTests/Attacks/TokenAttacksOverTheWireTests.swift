import EntraAuth
import EntraAuthCore
import Foundation
import JOSE
import TestSupport
import Testing

/// /work/shared/attacks.md part A, entry by entry, against aad-func's routes in a real server
/// over loopback sockets (RawClient): each hostile token gets the right status, RFC 6750 error
/// and problem `reason`, and no protected handler runs. Keys come from a local key set (RS256
/// only, the product default); "now" is TestTokens.now.
@Suite("Attacks A: hostile tokens over the wire", .serialized, .timeLimit(.minutes(2)))
struct TokenAttacksOverTheWireTests {
    static let kid = TestTokens.keyID
    static let header = #"{"typ":"JWT","alg":"RS256","kid":"test-key-1"}"#

    /// Sends every token and expects the same refusal for each; no handler may run.
    private func expectRefused(_ tokens: [String], status: Int, reason: String, error: String? = "invalid_token",
                               keys: JWKSet = TestTokens.keySet(), path: String = "/api/admin",
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await WireServer.with(keys: keys) { server in
            for token in tokens {
                let response = try await server.bearer(token, path: path)
                #expect(response.statusCode == status, "\(token.prefix(80))…: \(response.text)", sourceLocation: sourceLocation)
                #expect(response.problemReason == reason, "\(token.prefix(80))…: \(response.text)", sourceLocation: sourceLocation)
                #expect(response.bearerError == error, "\(response.header("www-authenticate") ?? "no challenge")", sourceLocation: sourceLocation)
                #expect(!response.text.contains(token.prefix(40)), "the problem body echoes the token", sourceLocation: sourceLocation)
            }
            #expect(server.hits.value == 0, "a refused token reached a handler", sourceLocation: sourceLocation)
        }
    }

    @Test("control: a valid token reaches the handler (the counter counts), a token without DoAll gets 403 on /api/admin")
    func control() async throws {
        try await WireServer.with { server in
            #expect(try await server.bearer(TestTokens.token()).statusCode == 200)
            #expect(server.hits.value == 1)
            let reader = try await server.bearer(TestTokens.token(["roles": nil]))
            #expect(reader.statusCode == 403)
            #expect(reader.problemReason == "insufficientAccess")
            #expect(reader.bearerError == "insufficient_scope")
            #expect(server.hits.value == 1)
        }
    }

    // MARK: A1 algorithm selection

    @Test("A1.1 alg none")
    func algNone() async throws {
        let payload = HandMadeToken.encode(HandMadeToken.claimsJSON())
        try await expectRefused([
            HandMadeToken.encode(#"{"alg":"none","typ":"JWT"}"#) + "." + payload + ".",
            HandMadeToken.encode(#"{"alg":"none","typ":"JWT","kid":"test-key-1"}"#) + "." + payload + ".",
        ], status: 401, reason: "algorithmNotAllowed")
    }

    @Test("A1.2 alg case and spelling variants")
    func algSpelling() async throws {
        let payload = HandMadeToken.claimsJSON()
        let tokens = ["None", "NONE", "nOnE", "rs256", "Rs256", "RS256 ", " RS256", "RS256\\u0000", "RS-256"].map { alg in
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"\#(alg)","kid":"test-key-1"}"#, payload: payload)
        }
        try await expectRefused(tokens, status: 401, reason: "algorithmNotAllowed")
    }

    @Test("A1.3 HS256 MACed with the RSA public key (key/algorithm confusion)")
    func hmacWithPublicKey() async throws {
        let publicJWK = TestTokens.jwk()
        let secrets: [[UInt8]] = [
            JSONWriter.serializedBytes(.object(publicJWK.jsonObject)),                        // the JWK as published
            JSONWriter.serializedBytes(.object(JSONObject([JSONObject.Member(name: "keys", value: .array([.object(publicJWK.jsonObject)]))]))),
            try Base64URL.decode(publicJWK.jsonObject["n"]?.stringValue ?? ""),              // the raw modulus
        ]
        let tokens = secrets.flatMap { secret in
            [HandMadeToken.hs256(header: #"{"typ":"JWT","alg":"HS256","kid":"test-key-1"}"#, secret: secret),
             HandMadeToken.hs256(header: #"{"typ":"JWT","alg":"HS256"}"#, secret: secret)]
        }
        try await expectRefused(tokens, status: 401, reason: "algorithmNotAllowed")
    }

    @Test("A1.4 header alg checked, another alg used: a genuine PS256 / RS512 signature by the published key")
    func headerAlgVersusKeyAlg() async throws {
        try await expectRefused([
            HandMadeToken.rsa(header: #"{"typ":"JWT","alg":"PS256","kid":"test-key-1"}"#, padding: .pss, digest: .sha256),
            HandMadeToken.rsa(header: #"{"typ":"JWT","alg":"RS512","kid":"test-key-1"}"#, padding: .pkcs1v15, digest: .sha512),
        ], status: 401, reason: "algorithmNotAllowed")
        // A key pinned to RS384 in the set refuses an RS256 token even though RS256 is allowed.
        let pinned = try JWKSet(keys: [TestTokens.jwk(extra: [JSONObject.Member(name: "alg", value: .string("RS384"))])])
        try await expectRefused([TestTokens.token()], status: 401, reason: "unknownSigningKey", keys: pinned)
    }

    @Test("A1.5 cross-family swaps: a PSS signature under RS256, ES256 naming the RSA key")
    func crossFamily() async throws {
        try await expectRefused([HandMadeToken.rsa(header: Self.header, padding: .pss, digest: .sha256)],
                                status: 401, reason: "invalidSignature")
        try await expectRefused([HandMadeToken.compact(header: #"{"typ":"JWT","alg":"ES256","kid":"test-key-1"}"#,
                                                       payload: HandMadeToken.claimsJSON(), signature: [UInt8](repeating: 1, count: 64))],
                                status: 401, reason: "algorithmNotAllowed")
    }

    // MARK: A2 key selection and header key injection

    @Test("A2.6 embedded jwk header (self-signed token)")
    func embeddedJWK() async throws {
        let attacker = JSONWriter.serialize(.object(TestTokens.jwk(TestTokens.otherKey, keyID: "attacker").jsonObject))
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","jwk":\#(attacker)}"#, key: TestTokens.otherKey),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","jwk":\#(attacker)}"#, key: TestTokens.otherKey),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","jwk":\#(attacker)}"#),   // even correctly signed
        ], status: 401, reason: "forbiddenHeader")
    }

    @Test("A2.7 jku / x5u URL headers are never fetched and refuse the token")
    func jkuX5u() async throws {
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","jku":"http://127.0.0.1:1/keys"}"#),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","x5u":"http://127.0.0.1:1/cert.pem"}"#),
        ], status: 401, reason: "forbiddenHeader")
    }

    @Test("A2.8 x5c chain and x5t / x5t#S256 thumbprints of an attacker certificate")
    func x5cX5t() async throws {
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","x5c":["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]}"#),
        ], status: 401, reason: "forbiddenHeader")
        // Without kid, x5t names the key (real v1 Entra tokens carry only x5t): an attacker's
        // thumbprint names no published key. x5t#S256 selects nothing, so the one published RS256
        // key is tried and the attacker's signature does not verify with it.
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","x5t":"YXR0YWNrZXItdGh1bWJwcmludA"}"#, key: TestTokens.otherKey),
        ], status: 401, reason: "unknownSigningKey")
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","x5t#S256":"YXR0YWNrZXItdGh1bWJwcmludA"}"#, key: TestTokens.otherKey),
        ], status: 401, reason: "invalidSignature")
    }

    @Test("A2.9 kid injection: traversal, SQL, URL, huge, non-string")
    func kidInjection() async throws {
        let hostile = ["../../../../dev/null", "' OR '1'='1", "http://127.0.0.1:1/key", "test-key-1\u{0}", "test-key-1 ",
                       "TEST-KEY-1", String(repeating: "k", count: 256)]
        try await expectRefused(hostile.map { kid in
            HandMadeToken.rs256(header: JSONWriter.serialize(.object(JSONObject([
                JSONObject.Member(name: "typ", value: "JWT"), JSONObject.Member(name: "alg", value: "RS256"),
                JSONObject.Member(name: "kid", value: .string(kid))]))), key: TestTokens.otherKey)
        }, status: 401, reason: "unknownSigningKey")
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":1}"#),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":["test-key-1"]}"#),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"\#(String(repeating: "k", count: 257))"}"#),   // over the 256-byte cap
        ], status: 401, reason: "malformedToken")
    }

    @Test("A2.10 missing kid with several candidate keys")
    func missingKidSeveralKeys() async throws {
        let two = TestTokens.keySet([TestTokens.jwk(), TestTokens.jwk(TestTokens.otherKey, keyID: "test-key-2")])
        try await expectRefused([HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256"}"#)],
                                status: 401, reason: "unknownSigningKey", keys: two)
        // Duplicate kid in the key set: the set loads, but a kid naming two keys never picks one.
        let duplicate = try JWKSet(keys: [TestTokens.jwk(), TestTokens.jwk(TestTokens.otherKey)])
        try await expectRefused([TestTokens.token(), HandMadeToken.rs256(header: Self.header, key: TestTokens.otherKey)],
                                status: 401, reason: "unknownSigningKey", keys: duplicate)
    }

    @Test("A2.11 wrong key usage in the key set: use enc, key_ops without verify")
    func wrongKeyUse() async throws {
        let encryption = TestTokens.keySet([TestTokens.jwk(keyID: "enc-key", extra: []).withUse("enc")])
        try await expectRefused([HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"enc-key"}"#)],
                                status: 401, reason: "unknownSigningKey", keys: encryption)
        let opsKey = try JWK(json: JSONObject(JWK(material: .rsa(TestTokens.key.publicKey), keyID: "ops-key", keyOperations: ["encrypt"]).jsonObject.members))
        try await expectRefused([HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"ops-key"}"#)],
                                status: 401, reason: "unknownSigningKey", keys: TestTokens.keySet([opsKey]))
    }

    // MARK: A3 signature primitives

    @Test("A3.12 ECDSA r = s = 0 (psychic signature) on an ES256 token")
    func psychicSignature() async throws {
        // ES256 is not on the allow-list (RS256 only), so the zero signature is never evaluated.
        try await expectRefused([HandMadeToken.compact(header: #"{"typ":"JWT","alg":"ES256","kid":"test-key-1"}"#,
                                                       payload: HandMadeToken.claimsJSON(), signature: [UInt8](repeating: 0, count: 64))],
                                status: 401, reason: "algorithmNotAllowed")
    }

    @Test("A3.13 ECDSA DER signature instead of r‖s")
    func ecdsaDER() async throws {
        let der: [UInt8] = [0x30, 0x44, 0x02, 0x20] + [UInt8](repeating: 7, count: 32) + [0x02, 0x20] + [UInt8](repeating: 9, count: 32)
        try await expectRefused([HandMadeToken.compact(header: #"{"typ":"JWT","alg":"ES256","kid":"test-key-1"}"#,
                                                       payload: HandMadeToken.claimsJSON(), signature: der)],
                                status: 401, reason: "algorithmNotAllowed")
    }

    // A3.14 ECDSA malleability: not applicable — both signatures are valid ECDSA by design, ES* is
    // not allowed here, and the token cache keys on the whole token, so a malleated token is just
    // validated in full again (never used as an identifier).

    // A3.15 Bleichenbacher e = 3: not applicable over the wire — the published key has e = 65537 and
    // keys with e < 65537 or even are refused when loaded; encode-and-compare is pinned in JOSETests.

    @Test("A3.16 RSA signature of the wrong length, zero, one, n−1 and n")
    func rsaSignatureEdges() async throws {
        let good = TestTokens.token()
        let parts = good.split(separator: ".").map(String.init)
        let signature = try Base64URL.decode(parts[2])
        let modulus = try Base64URL.decode(TestTokens.jwk().jsonObject["n"]?.stringValue ?? "")
        var nMinus1 = modulus
        nMinus1[nMinus1.count - 1] &-= 1
        let variants: [[UInt8]] = [
            Array(signature.dropFirst()),                                  // one byte short
            [0] + signature,                                               // a zero prepended
            signature + [0],                                               // a zero appended
            [UInt8](repeating: 0, count: 256),                             // s = 0
            [UInt8](repeating: 0, count: 255) + [1],                       // s = 1
            nMinus1,                                                       // s = n − 1
            modulus,                                                       // s = n
            [UInt8](repeating: 0xFF, count: 256),                          // s > n
        ]
        try await expectRefused(variants.map { parts[0] + "." + parts[1] + "." + Base64URL.encode($0) },
                                status: 401, reason: "invalidSignature")
    }

    // A3.17 RSA-PSS parameter drift: not applicable — PS* is not on the allow-list (A1.4 shows a
    // genuine PS256 token refused as algorithmNotAllowed); the fixed PSS profile is pinned in JOSETests.

    // A3.18 Tiny RSA moduli: not applicable over the wire — a JWK Set key under 2048 bits is refused
    // when keys load (KeyParsing and SigningKeyProvider tests); it can never verify a request.

    @Test("A3.19 huge signature (16384-bit) and huge header: refused quickly")
    func hugeSignature() async throws {
        let parts = TestTokens.token().split(separator: ".").map(String.init)
        let started = ContinuousClock.now
        try await expectRefused([parts[0] + "." + parts[1] + "." + Base64URL.encode([UInt8](repeating: 0x5A, count: 2048))],
                                status: 401, reason: "invalidSignature")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    // A3.20 HMAC pitfalls (short secrets, truncated tags): not applicable — no oct key is ever
    // configured from a JWK Set (a set publishing one is refused whole) and HS* is not allowed;
    // A1.3 shows HS256 tokens refused. Full-length constant-time compare is pinned in JOSETests.

    @Test("A3.21 EdDSA / Ed25519 tokens")
    func eddsa() async throws {
        try await expectRefused(["EdDSA", "Ed25519", "Ed448"].map { alg in
            HandMadeToken.compact(header: #"{"typ":"JWT","alg":"\#(alg)","kid":"test-key-1"}"#, payload: HandMadeToken.claimsJSON(),
                                  signature: [UInt8](repeating: 3, count: 64))
        }, status: 401, reason: "algorithmNotAllowed")
    }

    // MARK: A4 serialization and parsing

    @Test("A4.22 signature stripping and wrong number of parts")
    func wrongParts() async throws {
        let parts = TestTokens.token().split(separator: ".").map(String.init)
        try await expectRefused([
            parts[0] + "." + parts[1] + ".",
            parts[0] + "." + parts[1],
            parts.joined(separator: ".") + ".x",
            parts.joined(separator: ".") + ".",
            "." + parts[1] + "." + parts[2],
            HandMadeToken.rs256(header: Self.header, payload: ""),          // signed, but an empty payload
        ], status: 401, reason: "malformedToken")
        // The payload is decoded only after the signature verifies: a stripped payload fails there.
        try await expectRefused([parts[0] + ".." + parts[2]], status: 401, reason: "invalidSignature")
    }

    @Test("A4.23 JWE (five parts, enc header) given to the JWS verifier")
    func jwe() async throws {
        let header = HandMadeToken.encode(#"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"test-key-1"}"#)
        try await expectRefused([header + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"],
                                status: 401, reason: "encryptedToken")
        try await expectRefused([HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","enc":"A256GCM"}"#)],
                                status: 401, reason: "encryptedToken")
    }

    @Test("A4.24 nested JWT (cty JWT)")
    func nested() async throws {
        try await expectRefused(["JWT", "jwt", "application/JWT"].map { cty in
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","cty":"\#(cty)"}"#)
        }, status: 401, reason: "forbiddenHeader")
    }

    @Test("A4.25 crit: unknown extension, empty, registered names, non-array")
    func crit() async throws {
        try await expectRefused([#"["exp"]"#, "[]", #"["alg"]"#, #""b64""#, #"["x","x"]"#].map { crit in
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","crit":\#(crit)}"#)
        }, status: 401, reason: "forbiddenHeader")
    }

    @Test("A4.26 b64 false (RFC 7797 unencoded payload)")
    func b64False() async throws {
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","b64":false,"crit":["b64"]}"#),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"test-key-1","b64":false}"#),
        ], status: 401, reason: "forbiddenHeader")
    }

    @Test("A4.27 duplicate JSON member names in header and claims")
    func duplicateMembers() async throws {
        let claims = HandMadeToken.claimsJSON()
        let duplicateAud = "{\"aud\":\"api://other\"," + claims.dropFirst()
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"HS256","alg":"RS256","kid":"test-key-1"}"#),
            HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"other","kid":"test-key-1"}"#),
            HandMadeToken.rs256(header: Self.header, payload: duplicateAud),
        ], status: 401, reason: "malformedToken")
    }

    @Test("A4.28 JSON strictness: BOM, comments, trailing commas, NaN, huge exponents, deep nesting, non-object")
    func jsonStrictness() async throws {
        let claims = HandMadeToken.claimsJSON()
        let body = String(claims.dropFirst().dropLast())
        let payloads = [
            "\u{FEFF}" + claims,
            "{/* c */" + body + "}",
            "{" + body + ",}",
            "{" + body + #","x":NaN}"#,
            "{" + body + #","x":1e999999}"#,
            "{" + body + #","x":+1}"#,
            "{" + body + #","x":"\ud800"}"#,
            "{" + body + ",\"x\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}",
            "[" + claims + "]",
            "\"" + claims.replacingOccurrences(of: "\"", with: "\\\"") + "\"",
        ]
        try await expectRefused(payloads.map { HandMadeToken.rs256(header: Self.header, payload: $0) }, status: 401, reason: "malformedToken")
        var invalidUTF8 = Array(HandMadeToken.encode(Self.header).utf8) + [UInt8(ascii: ".")]
        invalidUTF8 += Array(Base64URL.encode(Array("{\"aud\":\"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)).utf8)
        let input = String(decoding: invalidUTF8, as: UTF8.self)
        let signed = input + "." + Base64URL.encode(TestTokens.key.signature(for: Array(input.utf8), padding: .pkcs1v15, digest: .sha256))
        try await expectRefused([signed], status: 401, reason: "malformedToken")
    }

    @Test("A4.29 non-canonical base64url: padding, + and /, length mod 4 = 1, non-zero trailing bits")
    func nonCanonicalBase64() async throws {
        let parts = TestTokens.token().split(separator: ".").map(String.init)
        var lastChanged = parts[2]
        // Flip the unused low bits of the last character: decodes to the same bytes, different text.
        let last = lastChanged.removeLast()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let index = alphabet.firstIndex(of: last) ?? 0
        lastChanged.append(alphabet[index ^ 1])
        let headerWithSlash = parts[0].replacingOccurrences(of: "_", with: "/").replacingOccurrences(of: "-", with: "+")
        try await expectRefused([
            parts[0] + "." + parts[1] + "." + parts[2] + "==",
            parts[0] + "." + parts[1] + "." + lastChanged,
            "+" + parts[0] + "." + parts[1] + "." + parts[2],
        ] + (headerWithSlash != parts[0] ? [headerWithSlash + "." + parts[1] + "." + parts[2]] : []),
        status: 401, reason: "malformedToken")
        // Padding inside the token is not even a token68: refused by the extractor.
        try await expectRefused([parts[0] + "=." + parts[1] + "." + parts[2]], status: 400, reason: "malformedAuthorizationHeader", error: "invalid_request")
        // A non-canonical payload under a signature made over exactly that text: the signature
        // verifies (it is over the received ASCII), then the strict decoder refuses the payload.
        // Trailing bits need a partial last group: pad the JSON with a space until it has one.
        let text = HandMadeToken.claimsJSON()
        let padded = text.utf8.count % 3 == 0 ? String(text.dropLast()) + " }" : text
        var payloadBits = HandMadeToken.encode(padded)
        let lastPayload = payloadBits.removeLast()
        payloadBits.append(alphabet[(alphabet.firstIndex(of: lastPayload) ?? 0) ^ 1])
        let signedOver = { (payloadPart: String) -> String in
            let input = parts[0] + "." + payloadPart
            return input + "." + Base64URL.encode(TestTokens.key.signature(for: Array(input.utf8), padding: .pkcs1v15, digest: .sha256))
        }
        try await expectRefused([signedOver(parts[1] + "A"), signedOver(payloadBits), signedOver("+" + parts[1].dropFirst())],
                                status: 401, reason: "malformedToken")
        // A payload part one character longer (length mod 4 = 1) under the original signature.
        try await expectRefused([parts[0] + "." + parts[1] + "A." + parts[2]], status: 401, reason: "invalidSignature")
    }

    @Test("A4.30 whitespace around and inside the token")
    func whitespace() async throws {
        let token = TestTokens.token()
        try await WireServer.with { server in
            // RFC 9110 OWS around the field value and 1*SP after the scheme are fine.
            for accepted in ["Bearer  " + token, "Bearer " + token + "  ", "Bearer " + token + "\t"] {
                #expect(try await server.get(authorization: accepted).statusCode == 200)
            }
            #expect(server.hits.value == 3)
            let middle = token.index(token.startIndex, offsetBy: 40)
            for refused in ["Bearer " + token[..<middle] + " " + token[middle...], "Bearer " + token[..<middle] + "\t" + token[middle...]] {
                let response = try await server.get(authorization: refused)
                #expect(response.statusCode == 400)
                #expect(response.problemReason == "malformedAuthorizationHeader")
                #expect(response.bearerError == "invalid_request")
            }
            #expect(server.hits.value == 3)
        }
    }

    @Test("A4.31 very large tokens and many dots: 431 at the parser or 401, quickly")
    func largeTokens() async throws {
        try await WireServer.with { server in
            let started = ContinuousClock.now
            let dots = try await server.get(authorization: "Bearer " + String(repeating: ".", count: 12_000))
            #expect(dots.statusCode == 401)
            #expect(dots.problemReason == "malformedToken")
            let big = try await server.get(authorization: "Bearer " + String(repeating: "A", count: 64 * 1024))
            #expect(big.statusCode == 431)
            let sixteen = try await server.get(authorization: "Bearer " + String(repeating: "A", count: 16 * 1024))
            #expect(sixteen.statusCode == 431)
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(server.hits.value == 0)
        }
    }

    // MARK: A5 claims

    @Test("A5.32 claims with wrong types")
    func wrongTypes() async throws {
        let exp = TestTokens.now + 3600
        try await expectRefused([
            TestTokens.token(["exp": .string(String(Int(exp)))]),
            TestTokens.token(["exp": .bool(true)]),
            TestTokens.token(["exp": .null]),
            TestTokens.token(["nbf": .array([])]),
            TestTokens.token(["iat": .string("0")]),
            TestTokens.token(["aud": .number(JSONNumber(Int64(123)))]),
            TestTokens.token(["aud": .array([.number(JSONNumber(Int64(1))), .string(TestTokens.audience)])]),
            TestTokens.token(["roles": .array([.string("DoAll"), .number(JSONNumber(Int64(1)))])]),
            TestTokens.token(["roles": .object(JSONObject([JSONObject.Member(name: "DoAll", value: .bool(true))]))]),
        ], status: 401, reason: "invalidClaim")
        try await expectRefused([TestTokens.token(["iss": .object(JSONObject([]))])], status: 401, reason: "issuerNotTrusted")
    }

    @Test("A5.33 exp / nbf / iat boundaries and absurd values")
    func lifetimeBoundaries() async throws {
        let now = Int64(TestTokens.now)
        let skew: Int64 = 300
        func number(_ value: Int64) -> JSONValue { .number(JSONNumber(value)) }
        try await WireServer.with { server in
            let lastSecond = try await server.bearer(TestTokens.token(["exp": number(now - skew + 1)]))
            let firstSecond = try await server.bearer(TestTokens.token(["nbf": number(now + skew)]))
            #expect(lastSecond.statusCode == 200)
            #expect(firstSecond.statusCode == 200)
            #expect(server.hits.value == 2)
        }
        try await expectRefused([TestTokens.token(["exp": number(now - skew)]), TestTokens.token(["exp": nil])],
                                status: 401, reason: "expired")
        try await expectRefused([TestTokens.token(["nbf": number(now + skew + 1)])], status: 401, reason: "notYetValid")
        try await expectRefused([TestTokens.token(["iat": number(now + skew + 1)])], status: 401, reason: "invalidIssuedAt")
        // exp beyond what an Int64 count of seconds can hold is not a NumericDate a token can carry.
        try await expectRefused([
            TestTokens.token(["exp": .number(JSONNumber(Int64.max))]),
            HandMadeToken.rs256(header: Self.header, payload: HandMadeToken.claimsJSON(["exp": nil]).dropLast() + #","exp":1e20}"#),
        ], status: 401, reason: "invalidClaim")
    }

    @Test("A5.34 audience confusion: another API, case, prefix, suffix")
    func audienceConfusion() async throws {
        try await expectRefused(["api://other", "API://AAD-FUNC", "api://aad-func-2", "api://aad", "api://aad-func//", " api://aad-func"].map {
            TestTokens.token(["aud": .string($0)])
        } + [TestTokens.token(["aud": nil]), TestTokens.token(["aud": .array([.string("api://other")])])], status: 401, reason: "audienceNotAccepted")
        try await expectRefused([TestTokens.token(["aud": .array([])])], status: 401, reason: "invalidClaim")
    }

    @Test("A5.35 issuer confusion across tenants")
    func issuerConfusion() async throws {
        let other = "00000000-1111-2222-3333-444444444444"
        try await expectRefused([
            TestTokens.token(["iss": .string("https://sts.windows.net/\(other)/"), "tid": .string(other)]),
            TestTokens.token(["iss": .string("https://login.microsoftonline.com/\(other)/v2.0"), "tid": .string(other)]),
            TestTokens.token(["iss": .string("https://login.microsoftonline.com/common/v2.0")]),
            TestTokens.token(["iss": .string(TestTokens.issuerV1.uppercased())]),
        ], status: 401, reason: "issuerNotTrusted")
        try await expectRefused([TestTokens.token(["tid": .string(other)])], status: 401, reason: "invalidTenant")
    }

    @Test("A5.36 Microsoft Graph token with a nonce header")
    func graphToken() async throws {
        try await expectRefused([
            HandMadeToken.rs256(header: #"{"typ":"JWT","nonce":"AbCdEf","alg":"RS256","kid":"test-key-1"}"#,
                                payload: HandMadeToken.claimsJSON(["aud": .string("00000003-0000-0000-c000-000000000000")]), key: TestTokens.otherKey),
            TestTokens.token(["aud": .string("https://graph.microsoft.com")]),
        ], status: 401, reason: "graphToken")
    }

    @Test("A5.37 token type confusion: ID token, logout token, refresh-like typ")
    func tokenType() async throws {
        try await expectRefused(["id_token+jwt", "logout+jwt", "at+jwt+x", "JOSE"].map { typ in
            HandMadeToken.rs256(header: #"{"typ":"\#(typ)","alg":"RS256","kid":"test-key-1"}"#)
        } + [HandMadeToken.rs256(header: #"{"typ":7,"alg":"RS256","kid":"test-key-1"}"#)], status: 401, reason: "tokenTypeNotAccepted")
        // An ID token for a client app: its aud is the client ID, not this API.
        try await expectRefused([TestTokens.token(["aud": .string(TestTokens.clientAppID), "nonce": .string("n"), "at_hash": .string("h")])],
                                status: 401, reason: "audienceNotAccepted")
    }

    // MARK: A6 transport

    @Test("A6.38 case tricks in the Bearer scheme")
    func schemeCase() async throws {
        let token = TestTokens.token()
        try await WireServer.with { server in
            for accepted in ["bearer " + token, "BEARER " + token, "bEaReR " + token] {
                #expect(try await server.get(authorization: accepted).statusCode == 200)
            }
            #expect(server.hits.value == 3)
            for other in ["Bearer:" + token, "Bearer\t" + token, "Basic dXNlcjpwYXNz", "Bearer-" + token, "Token " + token] {
                let response = try await server.get(authorization: other)
                #expect(response.statusCode == 401, "\(other.prefix(12))")
                #expect(response.problemReason == "missingToken")
                #expect(response.header("www-authenticate") == #"Bearer realm="aad-func""#)
            }
            let empty = try await server.get(authorization: "Bearer")
            #expect(empty.statusCode == 400)
            #expect(empty.problemReason == "malformedAuthorizationHeader")
            #expect(server.hits.value == 3)
        }
    }

    @Test("A6.39 two Authorization fields, or a comma list in one")
    func multipleAuthorization() async throws {
        let token = TestTokens.token()
        try await WireServer.with { server in
            let two = try await server.get(authorization: "Bearer " + token, extra: ["Authorization: Bearer " + token])
            #expect(two.statusCode == 400)
            #expect(two.problemReason == "multipleTokens")
            let mixed = try await server.get(authorization: "Basic dXNlcjpwYXNz", extra: ["Authorization: Bearer " + token])
            #expect(mixed.statusCode == 400)
            #expect(mixed.problemReason == "multipleTokens")
            let list = try await server.get(authorization: "Bearer \(token), Bearer \(token)")
            #expect(list.statusCode == 400)
            #expect(list.problemReason == "malformedAuthorizationHeader")
            #expect(server.hits.value == 0)
        }
    }

    @Test("A6.40 access_token in the query string or a form body")
    func tokenInQueryOrForm() async throws {
        let token = TestTokens.token()
        try await WireServer.with { server in
            let query = try await server.get("/api/claims?access_token=\(token)", authorization: nil)
            #expect(query.statusCode == 400)
            #expect(query.problemReason == "tokenInDisallowedLocation")
            let both = try await server.get("/api/claims?access_token=\(token)", authorization: "Bearer " + token)
            #expect(both.statusCode == 400)
            let body = "access_token=\(token)"
            let client = try RawClient(port: server.port)
            try await client.send("POST /api/upload HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            let form = try await client.readResponse()
            #expect(form.statusCode == 400 || form.statusCode == 401, "\(form.text)")
            #expect(["tokenInDisallowedLocation", "missingToken"].contains(form.problemReason ?? ""))
            #expect(server.hits.value == 0)
        }
    }

    @Test("A6.41 error responses: bad signature and unknown kid look alike to the client, and never echo the token")
    func uniformErrors() async throws {
        // By design every refusal names its reason in the problem body (operators need it); the
        // status, the RFC 6750 error code and the absence of token material are what stay uniform.
        let badSignature = HandMadeToken.rs256(header: Self.header, key: TestTokens.otherKey)
        let unknownKey = HandMadeToken.rs256(header: #"{"typ":"JWT","alg":"RS256","kid":"nope"}"#, key: TestTokens.otherKey)
        try await WireServer.with { server in
            let a = try await server.bearer(badSignature)
            let b = try await server.bearer(unknownKey)
            #expect(a.statusCode == 401 && b.statusCode == 401)
            #expect(a.bearerError == "invalid_token" && b.bearerError == "invalid_token")
            #expect(a.header("content-type") == b.header("content-type"))
            for (response, token) in [(a, badSignature), (b, unknownKey)] {
                let signature = String(token.split(separator: ".")[2].prefix(24))
                #expect(!response.text.contains(signature))
                #expect(!(response.header("www-authenticate") ?? "").contains(signature))
            }
            #expect(server.hits.value == 0)
        }
    }
}

extension JWK {
    /// This key with `use` replaced.
    func withUse(_ use: String) -> JWK {
        var members = jsonObject.members.filter { $0.name != "use" }
        members.append(JSONObject.Member(name: "use", value: .string(use)))
        return try! JWK(json: JSONObject(members))
    }
}
