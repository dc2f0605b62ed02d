import Testing
@testable import JOSE

@Suite("JWK and JWK Set")
struct JWKTests {
    /// RFC 7638 §3.1: the example RSA key (RFC 7517 A.1) and its SHA-256 thumbprint.
    private static let rfc7638Key = #"""
        {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
        """#

    @Test func rfc7638ThumbprintExample() throws {
        let jwk = try JWK(parsing: Array(Self.rfc7638Key.utf8))
        #expect(Base64URL.encode(jwk.thumbprint()) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        #expect(String(decoding: jwk.thumbprintInput, as: UTF8.self).hasPrefix(#"{"e":"AQAB","kty":"RSA","n":"0vx7ag"#))
        #expect(jwk.keyID == "2011-04-29")
        #expect(jwk.algorithm == "RS256")
        #expect(jwk.keyType == .rsa)
        #expect(jwk.rsaPublicKey?.modulusBitCount == 2048)
        // Metadata does not change the thumbprint; the key material does.
        let bare = try JWK(json: JSONObject(try #require(try JSONReader.parse(Self.rfc7638Key).objectValue).members.filter { ["kty", "n", "e"].contains($0.name) }))
        #expect(bare.thumbprint() == jwk.thumbprint())
        #expect(jwk.thumbprint(digest: .sha512).count == 64)
    }

    @Test func ecAndOctThumbprintsUseTheirRequiredMembers() throws {
        let ec = try JWK(json: JWSTestSupport.publicMembers(of: try #require(try JWSTestSupport.rfc7515Example("A.3")["jwk"]?.objectValue)))
        let ecInput = String(decoding: ec.thumbprintInput, as: UTF8.self)
        #expect(ecInput.hasPrefix(#"{"crv":"P-256","kty":"EC","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"#))
        let oct = JWK(material: .octet([1, 2, 3]), keyID: "k")
        #expect(String(decoding: oct.thumbprintInput, as: UTF8.self) == #"{"k":"AQID","kty":"oct"}"#)
    }

    @Test func keepsMetadataAndIgnoresUnknownMembers() throws {
        // Entra-shaped signing key: no alg, x5t, x5c, and an issuer member.
        let text = #"""
            {"kty":"RSA","use":"sig","kid":"entra-1","x5t":"entra-1","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","x5c":["MIIC/TCCAeWgAwIBAgI="],"issuer":"https://login.microsoftonline.com/{tenantid}/v2.0","cloud_instance_name":"microsoftonline.com"}
            """#
        let jwk = try JWK(parsing: Array(text.utf8))
        #expect(jwk.algorithm == nil)
        #expect(jwk.use == "sig")
        #expect(jwk.x509CertificateSHA1Thumbprint == "entra-1")
        #expect(jwk.x509CertificateChain == ["MIIC/TCCAeWgAwIBAgI="])
        #expect(jwk.members["issuer"]?.stringValue == "https://login.microsoftonline.com/{tenantid}/v2.0")
        #expect(!jwk.containsPrivateKeyMaterial)
        // Without alg, the key verifies RS256 and PS256 (the allow-list decides) but never ES/HS.
        #expect(jwk.canVerify(.rs256))
        #expect(jwk.canVerify(.ps512))
        #expect(!jwk.canVerify(.es256))
        #expect(!jwk.canVerify(.hs256))
        #expect(jwk.description == #"JWK(RSA, kid: "entra-1", use: sig)"#)
    }

    @Test func refusesMalformedJWKs() {
        let cases: [(String, JOSEError.Reason)] = [
            (#"{"n":"AQAB","e":"AQAB"}"#, .invalidKey),
            (#"{"kty":1}"#, .invalidKey),
            (#"{"kty":"RSA","e":"AQAB"}"#, .invalidKey),
            (#"{"kty":"RSA","n":"AQAB=","e":"AQAB"}"#, .invalidKey),
            (#"{"kty":"oct","k":"AAEC","kid":7}"#, .invalidKey),
            (#"{"kty":"oct","k":"AAEC","key_ops":"verify"}"#, .invalidKey),
            (#"{"kty":"oct","k":"AAEC","key_ops":["verify","verify"]}"#, .invalidKey),
            (#"{"kty":"oct","k":""}"#, .invalidKey),
            (#"{"kty":"oct","k":"AAEC","alg":"HS256"}"#, .keyTooShort),
            (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, .unsupportedKey),
            (#"{"kty":"EC","crv":"P-521","x":"AA","y":"AA"}"#, .unsupportedKey),
            (#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, .invalidKey),
            (#"{"kty":"oct","k":"AAEC","k":"AAEC"}"#, .duplicateMember),
            (#"{"kty":"oct","k":"AAEC",}"#, .invalidJSON),
            (#"["kty"]"#, .invalidKey),
        ]
        for (text, expected) in cases {
            do {
                _ = try JWK(parsing: Array(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.reason == expected, "\(text): \(error)")
            }
        }
    }

    @Test func keySetLoadsDocumentsAndSetsAsideBadKeys() throws {
        let secret = Base64URL.encode([UInt8](repeating: 7, count: 32))
        let document = #"{"keys":[{"kty":"oct","kid":"a","k":"\#(secret)"},{"kty":"OKP","kid":"ed","crv":"Ed25519","x":"AA"},"not a key",{"kty":"oct","kid":"b","alg":"HS256","k":"\#(secret)"}]}"#
        let keys = try JWKSet(parsing: Array(document.utf8))
        #expect(keys.keys.map(\.keyID) == ["a", "b"])
        #expect(keys.rejectedKeys.map(\.keyID) == ["ed", nil])
        #expect(keys.keys(withID: "b").count == 1)
        #expect(keys.keys(withID: "zz").isEmpty)
        #expect(try keys.key(for: .hs256, keyID: "a").keyID == "a")
        for (kid, reason) in [("ed", JOSEError.Reason.keyRejected), ("zz", .keyNotFound)] {
            do {
                _ = try keys.key(for: .hs256, keyID: kid)
                Issue.record("found \(kid)")
            } catch {
                #expect(error.reason == reason)
            }
        }
        do {
            _ = try keys.key(for: .hs384, keyID: "b")
            Issue.record("alg mismatch accepted")
        } catch {
            #expect(error.reason == .keyAlgorithmMismatch)
        }
        for bad in [#"{"keys":{}}"#, #"{"other":[]}"#, "[]", #"{"keys":[],"keys":[]}"#] {
            #expect(throws: JOSEError.self) { try JWKSet(parsing: Array(bad.utf8)) }
        }
    }

    @Test func exportedJSONObjectRoundTrips() throws {
        let jwk = try JWK(parsing: Array(Self.rfc7638Key.utf8))
        let exported = jwk.jsonObject
        #expect(exported.names.sorted() == ["alg", "e", "kid", "kty", "n"])
        let reparsed = try JWK(json: exported)
        #expect(reparsed.thumbprint() == jwk.thumbprint())
        #expect(reparsed.keyID == jwk.keyID)
        let built = JWK(material: .rsa(try #require(jwk.rsaPublicKey)), keyID: "emulator-1", use: "sig", algorithm: "RS256")
        #expect(built.jsonObject.names == ["kty", "kid", "use", "alg", "e", "n"])
        #expect(try JWK(json: built.jsonObject).thumbprint() == jwk.thumbprint())
        // A whole set serializes to a JWKS document that loads back to the same keys.
        let set = try JWKSet(keys: [built, jwk])
        let reloaded = try JWKSet(parsing: Array(JSONWriter.serialize(set.jsonValue).utf8))
        #expect(reloaded.keys.map(\.keyID) == ["emulator-1", "2011-04-29"])
        #expect(reloaded.keys.map { $0.thumbprint() } == set.keys.map { $0.thumbprint() })
    }
}
