import Foundation
import Testing
@testable import JOSE

/// Key lookup by `x5t` for tokens without `kid`: real Entra v1 app-only tokens of 2013–2015
/// (Vectors/entra-real-tokens, see PROVENANCE.md) whose header is `{"typ":"JWT","alg":"RS256","x5t":"…"}`.
@Suite("JWK Set: x5t lookup when the token has no kid")
struct JWKSetThumbprintLookupTests {
    static let files = [
        "17-v1-app-adalnet-kriMP-2014.json", "18-v1-app-adalnet-NGTF-2014.json",
        "19-v1-app-adalnet-MnC-2015.json", "22-v1-app-adalnode-NGTF-2013.json",
    ]

    /// `(token, the one JWK object of its key set, the header's x5t)` for a vector file.
    static func vector(_ file: String) throws -> (token: String, key: JSONObject, thumbprint: String) {
        let json = try JWSTestSupport.loadJSON("entra-real-tokens/" + file)
        let token = try #require(json["token"]?.stringValue)
        let key = try #require(json["jwks"]?["keys"]?.arrayValue?.first?.objectValue)
        let thumbprint = try #require(try UnverifiedJWS(parsing: token).x509CertificateSHA1Thumbprint)
        return (token, key, thumbprint)
    }

    /// The three distinct keys of the vectors (18 and 22 share one), each with its members
    /// transformed by `transform`, in one set: a token without kid and x5t would be ambiguous.
    static func mergedKeySet(_ transform: (JSONObject) -> JSONObject = { $0 }) throws -> JWKSet {
        var seen = Set<String>()
        var entries: [JSONValue] = []
        for file in files {
            let key = try vector(file).key
            guard seen.insert(JSONValue.object(key).compactJSON).inserted else { continue }
            entries.append(.object(transform(key)))
        }
        #expect(entries.count == 3)
        return try JWKSet(json: .object(JSONObject([JSONObject.Member(name: "keys", value: .array(entries))])))
    }

    static func without(_ name: String) -> (JSONObject) -> JSONObject {
        { JSONObject($0.members.filter { $0.name != name }) }
    }

    @Test("each real x5t-only token has no kid and verifies against the three-key set", arguments: files)
    func realTokensVerify(file: String) throws {
        let (token, _, thumbprint) = try Self.vector(file)
        let peek = try UnverifiedJWS(parsing: token)
        #expect(peek.keyID == nil)
        let keys = try Self.mergedKeySet()
        let verified = try JWSVerifier(keys: keys, algorithms: [.rs256]).verify(token)
        #expect(verified.key.x509CertificateSHA1Thumbprint == thumbprint)
        #expect(keys.keys(withX509CertificateSHA1Thumbprint: thumbprint).count == 1)
    }

    @Test("the key is found by its x5t alone, and by a kid equal to the x5t alone", arguments: files)
    func eitherMemberSelects(file: String) throws {
        let (token, _, thumbprint) = try Self.vector(file)
        for keys in [try Self.mergedKeySet(Self.without("kid")), try Self.mergedKeySet(Self.without("x5t"))] {
            let verified = try JWSVerifier(keys: keys, algorithms: [.rs256]).verify(token)
            #expect(verified.key.keyID == thumbprint || verified.key.x509CertificateSHA1Thumbprint == thumbprint)
        }
    }

    @Test("without kid or x5t the three-key set is ambiguous, so the x5t lookup is what selects")
    func noSelectorIsAmbiguous() throws {
        let keys = try Self.mergedKeySet()
        do {
            _ = try keys.key(for: .rs256, keyID: nil)
            Issue.record("a token without kid or x5t selected one of three keys")
        } catch {
            #expect(error.reason == .ambiguousKey)
        }
    }

    @Test("a wrong x5t is keyNotFound, even when a single key could verify")
    func wrongThumbprintIsNotFound() throws {
        let (token, key, thumbprint) = try Self.vector(Self.files[0])
        let keys = try JWKSet(json: .object(JSONObject([JSONObject.Member(name: "keys", value: .array([.object(key)]))])))
        #expect(throws: Never.self) { try keys.key(for: .rs256, keyID: nil, x509CertificateSHA1Thumbprint: thumbprint) }
        for wrong in ["kriMPdmBvx68skT8-mPAB3BseeB", thumbprint.lowercased(), "", thumbprint + "="] {
            do {
                _ = try keys.key(for: .rs256, keyID: nil, x509CertificateSHA1Thumbprint: wrong)
                Issue.record("x5t \(wrong) selected a key")
            } catch {
                #expect(error.reason == .keyNotFound, "\(wrong)")
            }
        }
        // The same through the verifier: re-sign nothing, just swap the header's x5t.
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        let header = #"{"typ":"JWT","alg":"RS256","x5t":"kriMPdmBvx68skT8-mPAB3BseeB"}"#
        let forged = Base64URL.encode(Array(header.utf8)) + "." + parts[1] + "." + parts[2]
        #expect(JWSTestSupport.refusal(JWSVerifier(keys: keys, algorithms: [.rs256]), forged) == .keyNotFound)
        #expect(JWSTestSupport.refusal(JWSVerifier(keys: keys, algorithms: [.rs256]), token) == nil)
    }

    @Test("kid wins over x5t; a non-string x5t without kid is invalidHeader; x5t must agree with the algorithm")
    func headerRules() throws {
        let (token, key, thumbprint) = try Self.vector(Self.files[0])
        let keys = try JWKSet(json: .object(JSONObject([JSONObject.Member(name: "keys", value: .array([.object(key)]))])))
        let verifier = JWSVerifier(keys: keys, algorithms: [.rs256, .es256])
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        func withHeader(_ header: String) -> String {
            Base64URL.encode(Array(header.utf8)) + "." + parts[1] + "." + parts[2]
        }
        // A kid that names no key is not rescued by a matching x5t.
        #expect(JWSTestSupport.refusal(verifier, withHeader(#"{"alg":"RS256","kid":"other","x5t":"\#(thumbprint)"}"#)) == .keyNotFound)
        #expect(JWSTestSupport.refusal(verifier, withHeader(#"{"alg":"RS256","x5t":42}"#)) == .invalidHeader)
        #expect(JWSTestSupport.refusal(verifier, withHeader(#"{"alg":"RS256","x5t":"\#(String(repeating: "a", count: 257))"}"#)) == .invalidHeader)
        // The only candidate is an RSA key: an ES256 token naming it gets the specific mismatch.
        #expect(JWSTestSupport.refusal(verifier, withHeader(#"{"alg":"ES256","x5t":"\#(thumbprint)"}"#)) == .keyTypeMismatch)
    }
}
