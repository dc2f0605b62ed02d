import EntraAuthCore
import Foundation
import JOSE
import Testing

/// Tokens Microsoft Entra ID really issued (Vectors/entra-real-tokens, see its PROVENANCE.md),
/// each validated with the key that signed it and the clock pinned inside its lifetime.
@Suite("Real Entra tokens")
struct RealEntraTokenTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let file: String
        let token: String
        let jwks: [UInt8]
        let issuer: String
        let audience: String
        let issuedAt: Double
        var testDescription: String { file }
    }

    static let directory = Bundle.module.url(forResource: "Vectors/entra-real-tokens", withExtension: nil)!

    static func load(_ file: String) throws -> Vector {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let jwks = try JSONSerialization.data(withJSONObject: object["jwks"]!)
        return Vector(file: file, token: object["token"] as! String, jwks: Array(jwks), issuer: object["iss"] as! String,
                      audience: object["aud"] as! String, issuedAt: (object["iat"] as! NSNumber).doubleValue)
    }

    static let acceptedFiles: [String] = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
        .filter { $0.hasSuffix(".json") && !$0.hasPrefix("graph") }.sorted() ?? []

    private func validator(for vector: Vector, audience: String? = nil, at seconds: Double? = nil) throws -> EntraTokenValidator {
        let keys = try JWKSet(parsing: vector.jwks)
        let policy = TokenValidationPolicy(audiences: [audience ?? vector.audience], issuers: IssuerPolicy(trusted: [vector.issuer], fromMetadata: false))
        let now = seconds ?? vector.issuedAt + 60
        return EntraTokenValidator(policy: policy, keys: StaticKeys(keys), now: { Date(timeIntervalSince1970: now) })
    }

    @Test("every real token is accepted inside its lifetime", arguments: acceptedFiles)
    func accepted(file: String) async throws {
        let vector = try Self.load(file)
        let identity = try await validator(for: vector).validate(vector.token)
        #expect(identity.issuer == vector.issuer)
        #expect(identity.audience == vector.audience)
        #expect(identity.expiresAt.timeIntervalSince1970 > vector.issuedAt)
    }

    @Test("there are nineteen accepted vectors")
    func vectorCount() { #expect(Self.acceptedFiles.count == 19) }

    @Test("managed-identity tokens expose xms_mirid, appid, oid, tid, v1 and app-only")
    func managedIdentity() async throws {
        let vector = try Self.load("03-v1-mi-mgmt-xms_mirid-L1Kf-2024.json")
        let identity = try await validator(for: vector).validate(vector.token)
        #expect(identity.version == .v1)
        #expect(identity.isAppOnly)
        #expect(identity.managedIdentityResourceID == "/subscriptions/b413826f-108d-4049-8c11-d52d5d388768/resourcegroups/Research/providers/Microsoft.Web/sites/vaultfrontend")
        #expect(identity.clientAppID == "2e91a4fe-a0f2-46ee-8214-fa2ff6aa9abc")
        #expect(identity.objectID == identity.subject)
        #expect(identity.tenantID == "2d50cb29-5f7b-48a4-87ce-fe75a941adb6")
        #expect(identity.roles.isEmpty)
    }

    @Test("v2 app tokens carry roles and azp")
    func v2Roles() async throws {
        let vector = try Self.load("01-v2-app-roles-idtyp-H9nj-2024.json")
        let identity = try await validator(for: vector).validate(vector.token)
        #expect(identity.version == .v2)
        #expect(identity.roles == ["access_as_application"])
        #expect(AccessRequirement.anyRole("access_as_application").isSatisfied(by: identity))
        #expect(identity.isAppOnly)
    }

    @Test("v2 user tokens are delegated: scopes, no app-only")
    func v2User() async throws {
        let vector = try Self.load("09-v2-user-L1Kf-2024.json")
        let identity = try await validator(for: vector).validate(vector.token)
        #expect(!identity.isAppOnly)
        #expect(!identity.scopes.isEmpty)
    }

    @Test("05's audience has a trailing slash and matches the configured audience without it")
    func trailingSlashAudience() async throws {
        let vector = try Self.load("05-v1-mi-mgmt-xms_mirid-L1Kf-2024b.json")
        let identity = try await validator(for: vector, audience: "https://management.azure.com").validate(vector.token)
        #expect(identity.audience == "https://management.azure.com")
    }

    @Test("a v1 managed-identity token is accepted by a v2 authority's policy (issuer counterpart)")
    func v1TokenAgainstV2Authority() async throws {
        let vector = try Self.load("03-v1-mi-mgmt-xms_mirid-L1Kf-2024.json")
        let keys = try JWKSet(parsing: vector.jwks)
        let validator = EntraTokenValidator(
            policy: TokenValidationPolicy(audiences: [vector.audience]),
            keys: StaticKeys(keys, issuer: "https://login.microsoftonline.com/2d50cb29-5f7b-48a4-87ce-fe75a941adb6/v2.0"),
            now: { Date(timeIntervalSince1970: vector.issuedAt + 60) })
        #expect(try await validator.validate(vector.token).version == .v1)
    }

    @Test("a real token an hour past exp is refused as expired, with the times in the message")
    func realTokenExpired() async throws {
        let vector = try Self.load("01-v2-app-roles-idtyp-H9nj-2024.json")
        let validator = try validator(for: vector, at: 1725269353 + 3600)
        let error = await refusal { () throws(EntraAuthError) in try await validator.validate(vector.token) }
        #expect(error?.reason == .expired)
        #expect(error?.message.contains("2024-09-02T09:29:13Z") == true)
    }

    @Test("a real token for another API is refused with the audience named")
    func realTokenWrongAudience() async throws {
        let vector = try Self.load("03-v1-mi-mgmt-xms_mirid-L1Kf-2024.json")
        let validator = try validator(for: vector, audience: "api://aad-func")
        let error = await refusal { () throws(EntraAuthError) in try await validator.validate(vector.token) }
        #expect(error?.reason == .audienceNotAccepted)
        #expect(error?.message.contains("Azure Resource Manager") == true)
        #expect(error?.message.contains("api://aad-func") == true)
    }

    @Test("the real Microsoft Graph token is refused with the Graph diagnosis, never as a bare bad signature")
    func graphToken() async throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("graph-nonce-must-reject.json"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let token = object["token"] as! String
        let keys = try JWKSet(parsing: Array(try JSONSerialization.data(withJSONObject: object["jwks"]!)))
        let iat = (object["iat"] as! NSNumber).doubleValue
        for audiences in [["api://aad-func"], ["https://graph.microsoft.com/"]] {
            let validator = EntraTokenValidator(
                policy: TokenValidationPolicy(audiences: audiences, issuers: IssuerPolicy(trusted: [object["iss"] as! String], fromMetadata: false)),
                keys: StaticKeys(keys), now: { Date(timeIntervalSince1970: iat + 60) })
            let error = await refusal { () throws(EntraAuthError) in try await validator.validate(token) }
            #expect(error?.reason == .graphToken)
            #expect(error?.message.contains("Microsoft Graph") == true)
            #expect(error?.status == 401)
            #expect(error?.message.contains(token) == false)
        }
    }
}
