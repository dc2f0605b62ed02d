import Foundation
import Testing
@testable import JOSE

/// Shared helpers for the JWK/JWS suites: vector loading and token building.
enum JWSTestSupport {
    /// The copied vector folder (see Vectors/*/PROVENANCE.md).
    static var vectorsURL: URL {
        Bundle.module.url(forResource: "Vectors", withExtension: nil)!
    }

    /// A vector file parsed with the strict reader.
    static func loadJSON(_ relativePath: String) throws -> JSONValue {
        let data = try Data(contentsOf: vectorsURL.appendingPathComponent(relativePath))
        return try JSONReader.parse(data, limits: JSONReader.Limits(maximumByteCount: 64 << 20))
    }

    /// `base64url(header).base64url(payload)` for JSON text.
    static func signingInput(header: String, payload: String) -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
    }

    /// An HS* token over `header` and `payload` JSON text with `secret`.
    static func hmacToken(header: String, payload: String, secret: [UInt8], digest: DigestAlgorithm = .sha256) -> String {
        let input = signingInput(header: header, payload: payload)
        let tag = digest.authenticationCode(for: Array(input.utf8), key: secret)
        return input + "." + Base64URL.encode(tag)
    }

    /// The reason a verification failed, or `nil` when it succeeded.
    static func refusal(_ verifier: JWSVerifier, _ token: String) -> JOSEError.Reason? {
        do {
            _ = try verifier.verify(token)
            return nil
        } catch {
            return error.reason
        }
    }

    /// A 32-byte HMAC secret used by several tests.
    static let hmacSecret: [UInt8] = Array(0..<32).map { UInt8($0) &* 7 &+ 3 }

    /// A one-key set holding `hmacSecret` as an HS256 `oct` key with `kid` "hmac-1".
    static func hmacKeySet(algorithm: String? = "HS256") throws -> JWKSet {
        try JWKSet(keys: [JWK(material: .octet(hmacSecret), keyID: "hmac-1", use: "sig", algorithm: algorithm)])
    }

    /// RFC 7515 Appendix A example `section` ("A.1" … "A.5") from the derived vector file.
    static func rfc7515Example(_ section: String) throws -> JSONValue {
        let file = try loadJSON("jose/rfc7515-appendix-a.json")
        let examples = try #require(file["examples"]?.arrayValue)
        return try #require(examples.first { $0["section"]?.stringValue == section })
    }

    /// A JWK object with its private members removed (so tests verify with public members only).
    static func publicMembers(of jwk: JSONObject) -> JSONObject {
        JSONObject(jwk.members.filter { !["d", "p", "q", "dp", "dq", "qi", "oth"].contains($0.name) })
    }
}
