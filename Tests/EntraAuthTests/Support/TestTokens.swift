import EntraAuthCore
import Foundation
import JOSE
import TestSupport

/// Test keys and Entra-shaped tokens signed with them.
enum TestTokens {
    static let tenantID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    static let issuerV1 = "https://sts.windows.net/\(tenantID)/"
    static let issuerV2 = "https://login.microsoftonline.com/\(tenantID)/v2.0"
    static let audience = "api://aad-func"
    static let clientAppID = "0a1b2c3d-1111-2222-3333-444455556666"
    static let objectID = "9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff"
    /// Fixed "now" for tests: 2026-01-01T00:00:00Z.
    static let now: Double = 1_767_225_600

    static let key = FixedTestKeys.rsa(0)
    static let otherKey = FixedTestKeys.rsa(1)
    static let keyID = "test-key-1"

    static func jwk(_ key: RSAPrivateKey = key, keyID: String = keyID, extra: [JSONObject.Member] = []) -> JWK {
        var members = JWK(material: .rsa(key.publicKey), keyID: keyID, use: "sig").jsonObject.members
        members += extra
        return try! JWK(json: JSONObject(members))
    }

    static func keySet(_ keys: [JWK]? = nil) -> JWKSet { try! JWKSet(keys: keys ?? [jwk()]) }

    /// Claims of a v1 managed-identity token for `api://aad-func` holding `DoAll`.
    static func claims(_ overrides: [String: JSONValue?] = [:]) -> JSONObject {
        var members: [(String, JSONValue)] = [
            ("aud", .string(audience)), ("iss", .string(issuerV1)),
            ("iat", .number(JSONNumber(Int64(now) - 600))), ("nbf", .number(JSONNumber(Int64(now) - 600))),
            ("exp", .number(JSONNumber(Int64(now) + 3600))),
            ("appid", .string(clientAppID)), ("appidacr", .string("2")), ("idp", .string(issuerV1)), ("idtyp", .string("app")),
            ("oid", .string(objectID)), ("sub", .string(objectID)), ("tid", .string(tenantID)),
            ("roles", .array([.string("DoAll")])), ("ver", .string("1.0")),
            ("xms_mirid", .string("/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/msi-func")),
        ]
        for (name, value) in overrides {
            if let index = members.firstIndex(where: { $0.0 == name }) {
                if let value { members[index].1 = value } else { members.remove(at: index) }
            } else if let value {
                members.append((name, value))
            }
        }
        return JSONObject(members.map { JSONObject.Member(name: $0.0, value: $0.1) })
    }

    /// A compact RS256 JWS over `claims` with `header` (defaults: typ JWT, alg RS256, kid).
    static func sign(_ claims: JSONObject, key: RSAPrivateKey = key, header: [(String, JSONValue)]? = nil) -> String {
        let header = header ?? [("typ", .string("JWT")), ("alg", .string("RS256")), ("kid", .string(keyID))]
        let headerJSON = JSONWriter.serialize(.object(JSONObject(header.map { JSONObject.Member(name: $0.0, value: $0.1) })))
        let input = Base64URL.encode(Array(headerJSON.utf8)) + "." + Base64URL.encode(JSONWriter.serializedBytes(.object(claims)))
        let signature = key.signature(for: Array(input.utf8), padding: .pkcs1v15, digest: .sha256)
        return input + "." + Base64URL.encode(signature)
    }

    static func token(_ overrides: [String: JSONValue?] = [:]) -> String { sign(claims(overrides)) }

    static func validator(keys: any SigningKeyResolving = StaticKeys(keySet(), issuer: issuerV2), policy: TokenValidationPolicy? = nil,
                          cache: TokenCacheLimits = TokenCacheLimits(), at seconds: Double = now) -> EntraTokenValidator {
        EntraTokenValidator(policy: policy ?? TokenValidationPolicy(audiences: [audience, "6e1c0000-0000-0000-0000-000000000001"]),
                            keys: keys, cache: cache, now: { Date(timeIntervalSince1970: seconds) })
    }
}

/// Runs `body` and returns the EntraAuthError it throws, or nil.
func refusal(_ body: () async throws(EntraAuthError) -> EntraIdentity) async -> EntraAuthError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
