import EntraAuthCore
import Foundation
import JOSE
import Testing

@Suite("Access requirements")
struct AccessRequirementTests {
    static func identity(_ overrides: [String: JSONValue?] = [:]) -> EntraIdentity {
        let claims = TestTokens.claims(overrides)
        return EntraIdentity(claims: claims, issuer: TestTokens.issuerV1, audience: TestTokens.audience,
                             expiresAt: Date(timeIntervalSince1970: TestTokens.now + 3600), signingKeyID: TestTokens.keyID)
    }

    static let user = identity(["idtyp": nil, "scp": .string("Reports.Read User.Read"), "roles": nil,
                                "groups": .array([.string("AB000000-0000-0000-0000-0000000000CD")])])

    @Test("roles, scopes, app-only, clients, principals, tenants, groups")
    func basics() {
        let app = Self.identity()
        #expect(AccessRequirement.anyRole("Nope", "DoAll").isSatisfied(by: app))
        #expect(!AccessRequirement.allRoles("DoAll", "Nope").isSatisfied(by: app))
        #expect(AccessRequirement.appOnly.isSatisfied(by: app))
        #expect(!AccessRequirement.appOnly.isSatisfied(by: Self.user))
        #expect(AccessRequirement.anyScope("User.Read").isSatisfied(by: Self.user))
        #expect(AccessRequirement.scopeOrAppRole(scopes: ["Reports.Read"], roles: ["DoAll"]).isSatisfied(by: app))
        #expect(AccessRequirement.scopeOrAppRole(scopes: ["Reports.Read"], roles: ["DoAll"]).isSatisfied(by: Self.user))
        #expect(!AccessRequirement.scopeOrAppRole(scopes: ["Other"], roles: ["DoAll"]).isSatisfied(by: Self.user))
        #expect(AccessRequirement.allowedClientApps([TestTokens.clientAppID.uppercased()]).isSatisfied(by: app))
        #expect(!AccessRequirement.allowedClientApps(["someone-else"]).isSatisfied(by: app))
        #expect(AccessRequirement.allowedPrincipals([TestTokens.objectID]).isSatisfied(by: app))
        #expect(AccessRequirement.allowedTenants([TestTokens.tenantID]).isSatisfied(by: app))
        #expect(AccessRequirement.anyGroup(["ab000000-0000-0000-0000-0000000000cd"]).isSatisfied(by: Self.user))
        #expect(!AccessRequirement.anyGroup(["ab000000-0000-0000-0000-0000000000ce"]).isSatisfied(by: Self.user))
        #expect(AccessRequirement.custom("is MI") { $0.managedIdentityResourceID != nil }.isSatisfied(by: app))
    }

    @Test("all, any and not combine")
    func combinators() {
        let app = Self.identity()
        #expect(AccessRequirement.all(.appOnly, .anyRole("DoAll")).isSatisfied(by: app))
        #expect(!AccessRequirement.all(.appOnly, .anyRole("Other")).isSatisfied(by: app))
        #expect(AccessRequirement.any(.anyRole("Other"), .appOnly).isSatisfied(by: app))
        #expect(!AccessRequirement.not(.appOnly).isSatisfied(by: app))
        #expect(AccessRequirement.all(.appOnly, .not(.anyRole("Blocked"))).description == #"all(appOnly, not(anyRole("Blocked")))"#)
    }

    @Test("roles are compared as bytes: canonically equivalent or case-changed roles do not match")
    func byteExactRoles() {
        let app = Self.identity(["roles": .array([.string("Caf\u{E9}"), .string("doall")])])
        #expect(!AccessRequirement.anyRole("Cafe\u{301}").isSatisfied(by: app))
        #expect(!AccessRequirement.anyRole("DoAll").isSatisfied(by: app))
        #expect(AccessRequirement.anyRole("Caf\u{E9}").isSatisfied(by: app))
    }

    @Test("a space-separated roles string is read as a list")
    func spaceSeparatedRoles() {
        #expect(AccessRequirement.allRoles("A", "B").isSatisfied(by: Self.identity(["roles": .string("A B")])))
    }

    @Test("a 403 names the caller, the missing role and the 24 h caching caveat")
    func refusalMessage() {
        do {
            try AccessRequirement.anyRole("DoAll").check(Self.identity(["roles": nil]))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.reason == .insufficientAccess)
            #expect(error.status == 403)
            #expect(error.bearerErrorCode == "insufficient_scope")
            #expect(error.requirement == #"anyRole("DoAll")"#)
            #expect(error.message.contains("appid=\"\(TestTokens.clientAppID)\""))
            #expect(error.message.contains("lacks app role \"DoAll\""))
            #expect(error.message.contains("no roles"))
            #expect(error.message.contains("24 h"))
        }
    }

    @Test("requirements read from JSON", arguments: [
        (#""authenticated""#, "authenticated"),
        (#"{"anyRole":["DoAll"]}"#, #"anyRole("DoAll")"#),
        (#"{"all":[{"appOnly":true},{"not":{"anyRole":["Blocked"]}}]}"#, #"all(appOnly, not(anyRole("Blocked")))"#),
        (#"{"scopeOrAppRole":{"scopes":["R"],"roles":["A"]}}"#, #"scopeOrAppRole(scopes: ["R"], roles: ["A"])"#),
        (#"{"any":[{"anyGroup":["g"]},{"allowedClientApps":["c"]}]}"#, #"any(anyGroup("g"), allowedClientApps("c"))"#),
    ])
    func fromJSON(json: String, expected: String) throws {
        #expect(try AccessRequirement(json: JSONReader.parse(json)).description == expected)
    }

    @Test("bad requirement JSON names the location", arguments: [
        (#"{"anyRoles":["DoAll"]}"#, "requirement.anyRoles"),
        (#"{"anyRole":[]}"#, "requirement.anyRole"),
        (#"{"anyRole":["DoAll"],"appOnly":true}"#, "exactly one member"),
        (#"{"all":[{"anyRole":[5]}]}"#, "requirement.all[0].anyRole[0]"),
        (#"{"scopeOrAppRole":{"scopes":["R"],"roles":["A"],"x":1}}"#, "unknown member"),
        (#"{"appOnly":false}"#, "must be true"),
        (#"42"#, "must be"),
    ])
    func badJSON(json: String, expected: String) throws {
        do {
            _ = try AccessRequirement(json: JSONReader.parse(json))
            Issue.record("accepted \(json)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}
