import Foundation
import JOSE
import Testing

/// `entra-auth inspect`, run as the built binary (a dependency of this test target) against the
/// real Entra tokens in Tests/EntraAuthTests/Vectors/entra-real-tokens (read in place; see their
/// README and PROVENANCE for where each token and key comes from).
@Suite("entra-auth inspect (CLI)")
struct InspectCommandTests {
    // MARK: Fixtures

    /// One real token with the key that signed it.
    struct Vector {
        var token: String
        var jwks: JSONValue
        var issuer: String
        var audience: String
        var issuedAt: Int64
        var expiresAt: Int64

        init(_ name: String) throws {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // CLI
                .deletingLastPathComponent().deletingLastPathComponent()                   // Tests
                .appendingPathComponent("EntraAuthTests/Vectors/entra-real-tokens")
            let document = try JSONReader.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name + ".json"))))
            token = try #require(document["token"]?.stringValue)
            jwks = try #require(document["jwks"])
            issuer = try #require(document["iss"]?.stringValue)
            audience = try #require(document["aud"]?.stringValue)
            issuedAt = try #require(document["iat"]?.numberValue?.int64Value)
            expiresAt = try #require(document["exp"]?.numberValue?.int64Value)
        }

        /// The JWK Set in a temporary file (the caller removes it).
        func writeKeySet() throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("entra-auth-inspect-\(UUID().uuidString).json")
            try Data(JSONWriter.serializedBytes(jwks)).write(to: url)
            return url
        }

        /// The signature part: if it shows up in any output, the token was printed.
        var signature: Substring { token.split(separator: ".").last ?? "" }
    }

    static let appOnlyV2 = "01-v2-app-roles-idtyp-H9nj-2024"
    static let managedIdentityV1 = "03-v1-mi-mgmt-xms_mirid-L1Kf-2024"
    static let delegatedV2 = "09-v2-user-L1Kf-2024"
    static let graph = "graph-nonce-must-reject"

    /// `inspect --jwks <temp> --issuer <iss> --audience <aud> <extra…>`, token on standard input.
    private func validate(_ vector: Vector, _ extra: [String], audience: String? = nil, issuer: String? = nil) throws -> CLIProcess.Run {
        let jwks = try vector.writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        return try CLIProcess.run(["inspect", "--jwks", jwks.path, "--issuer", issuer ?? vector.issuer,
                                   "--audience", audience ?? vector.audience] + extra, stdin: vector.token + "\n")
    }

    private func json(_ run: CLIProcess.Run) throws -> JSONObject {
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1, "--json prints exactly one line")
        return try #require(try JSONReader.parse(run.stdout).objectValue)
    }

    // MARK: Validation

    @Test(arguments: [appOnlyV2, managedIdentityV1, delegatedV2])
    func realTokenIsValidOfflineAtIssuedAtPlusOneMinute(name: String) throws {
        let vector = try Vector(name)
        let result = try validate(vector, ["--at", String(vector.issuedAt + 60)])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("VALID as of \(Self.iso(vector.issuedAt + 60)) (--at)"))
        #expect(!result.stdout.contains("NOT VERIFIED"))
        #expect(!result.stdout.contains(vector.signature) && !result.stderr.contains(vector.signature))
    }

    @Test func sameTokenAnHourAfterExpiryIsRefusedAsExpired() throws {
        let vector = try Vector(Self.appOnlyV2)
        let human = try validate(vector, ["--at", String(vector.expiresAt + 3600)])
        #expect(human.status == 1)
        #expect(human.stdout.hasPrefix("REFUSED (expired) as of \(Self.iso(vector.expiresAt + 3600)) (--at): the token expired at \(Self.iso(vector.expiresAt))"))

        let result = try validate(vector, ["--at", String(vector.expiresAt + 3600), "--json"])
        #expect(result.status == 1)
        let object = try json(result)
        #expect(object["valid"] == .bool(false))
        #expect(object["reason"]?.stringValue == "expired")
        #expect(object["message"]?.stringValue?.contains("expired at \(Self.iso(vector.expiresAt))") == true)
        #expect(object["summary"]?["expiresAt"]?["relative"]?.stringValue == "1 h ago")
        #expect(!result.stdout.contains(vector.signature))
    }

    @Test func atAcceptsISO8601WithAnOffsetAndClockSkewMovesTheEdge() throws {
        let vector = try Vector(Self.appOnlyV2)
        // 2024-09-02T08:25:13Z (iat + 60) written in UTC+02:00.
        #expect(Self.iso(vector.issuedAt + 60) == "2024-09-02T08:25:13Z")
        #expect(try validate(vector, ["--at", "2024-09-02T10:25:13+02:00"]).status == 0)
        // 4 minutes after exp: inside the default 5 minute skew, outside a 60 s one.
        let late = String(vector.expiresAt + 240)
        #expect(try validate(vector, ["--at", late]).status == 0)
        let strict = try validate(vector, ["--at", late, "--clock-skew", "60", "--json"])
        #expect(strict.status == 1)
        #expect(try json(strict)["reason"]?.stringValue == "expired")
    }

    @Test func refusalsNameTheirReason() throws {
        let vector = try Vector(Self.appOnlyV2)
        let at = String(vector.issuedAt + 60)
        let cases: [(CLIProcess.Run, String)] = [
            (try validate(vector, ["--at", at, "--json"], audience: "api://aad-func"), "audienceNotAccepted"),
            (try validate(vector, ["--at", at, "--json"], issuer: "https://sts.windows.net/966ac572-f5b7-4bbe-aa88-c76419c0f852/"), "issuerNotTrusted"),
            (try validate(vector, ["--at", at, "--json", "--allowed-tenant", "72f988bf-86f1-41af-91ab-2d7cd011db47"]), "tenantNotAllowed"),
            (try validate(vector, ["--at", at, "--json", "--algorithms", "ES256"]), "algorithmNotAllowed"),
        ]
        for (result, reason) in cases {
            #expect(result.status == 1, "\(reason)")
            #expect(try json(result)["reason"]?.stringValue == reason)
        }
        // Several audiences, and a repeated --allowed-tenant that includes the token's tenant.
        let tenant = "966ac572-f5b7-4bbe-aa88-c76419c0f851"
        let accepted = try validate(vector, ["--at", at, "--allowed-tenant", "72f988bf-86f1-41af-91ab-2d7cd011db47", "--allowed-tenant", tenant],
                                    audience: "api://aad-func,\(vector.audience)")
        #expect(accepted.status == 0, "\(accepted.stdout)")
    }

    // MARK: Graph

    @Test func graphTokenIsDiagnosedWhenDecodedAndRefusedWhenValidated() throws {
        let vector = try Vector(Self.graph)
        let decoded = try CLIProcess.run(["inspect", vector.token])
        #expect(decoded.status == 0)
        #expect(decoded.stdout.hasPrefix("NOT VERIFIED"))
        #expect(decoded.stdout.contains("Graph token  YES: the header carries \"nonce\""))
        #expect(decoded.stdout.contains("audience     \"https://graph.microsoft.com/\" (Microsoft Graph)"))

        let decodedJSON = try json(try CLIProcess.run(["inspect", "--json"], stdin: vector.token))
        #expect(decodedJSON["valid"] == .null)
        #expect(decodedJSON["summary"]?["graphToken"] == .bool(true))
        #expect(decodedJSON["summary"]?["graphExplanation"]?.stringValue?.contains("App ID URI") == true)

        let refused = try validate(vector, ["--at", String(vector.issuedAt + 60), "--json"], audience: "api://aad-func")
        #expect(refused.status == 1)
        let object = try json(refused)
        #expect(object["valid"] == .bool(false))
        #expect(object["reason"]?.stringValue == "graphToken")
        #expect(!refused.stdout.contains(vector.signature))
    }

    // MARK: Decoding and JSON

    @Test func jsonWithoutValidationHasEveryFieldAndNoVerdict() throws {
        let vector = try Vector(Self.appOnlyV2)
        let at = vector.expiresAt - (3 * 3600 + 12 * 60)   // "expires in 3 h 12 min"
        let result = try CLIProcess.run(["inspect", "--json", "--at", String(at), vector.token])
        #expect(result.status == 0)
        let object = try json(result)
        #expect(object.names == ["valid", "reason", "message", "header", "claims", "summary"])
        #expect(object["valid"] == .null)
        #expect(object["reason"] == .null)
        #expect(object["message"]?.stringValue?.hasPrefix("NOT VERIFIED") == true)
        #expect(object["header"]?["kid"]?.stringValue == "H9nj5AOSswMphg1SFx7jaV-lB9w")
        #expect(object["claims"]?["iss"]?.stringValue == vector.issuer)
        let summary = try #require(object["summary"])
        #expect(summary["callerKind"]?.stringValue == "app-only")
        #expect(summary["callerKindBasis"]?.stringValue == #"idtyp "app""#)
        #expect(summary["version"]?.stringValue == "2.0")
        #expect(summary["issuerShape"]?.stringValue == "Entra v2")
        #expect(summary["issuerTenant"]?.stringValue == "966ac572-f5b7-4bbe-aa88-c76419c0f851")
        #expect(summary["graphToken"] == .bool(false))
        #expect(summary["roles"] == .array([.string("access_as_application")]))
        #expect(summary["clientAppIDClaim"]?.stringValue == "azp")
        #expect(summary["expiresAt"]?["utc"]?.stringValue == "2024-09-02T09:29:13Z")
        #expect(summary["expiresAt"]?["relative"]?.stringValue == "in 3 h 12 min")
        #expect(summary["expired"] == .bool(false))
        #expect(summary["asOfSource"]?.stringValue == "at")
    }

    @Test func delegatedAndManagedIdentityTokensAreDescribed() throws {
        let user = try json(try CLIProcess.run(["inspect", "--json", try Vector(Self.delegatedV2).token]))
        #expect(user["summary"]?["callerKind"]?.stringValue == "delegated")
        #expect(user["summary"]?["callerKindBasis"]?.stringValue == "no idtyp claim; scp present")
        #expect(user["summary"]?["scopes"]?.arrayValue?.isEmpty == false)

        let identity = try json(try CLIProcess.run(["inspect", "--json", try Vector(Self.managedIdentityV1).token]))
        let summary = try #require(identity["summary"])
        #expect(summary["callerKind"]?.stringValue == "app-only")
        #expect(summary["version"]?.stringValue == "1.0")
        #expect(summary["issuerShape"]?.stringValue == "Entra v1")
        #expect(summary["clientAppIDClaim"]?.stringValue == "appid")
        #expect(summary["wellKnownAudience"]?.stringValue == "Azure Resource Manager")
        #expect(summary["xms_mirid"]?.stringValue?.hasPrefix("/subscriptions/b413826f-") == true)
    }

    @Test func tokenOnStandardInputWithBlankLinesCRLFAndBearerPrefix() throws {
        let vector = try Vector(Self.appOnlyV2)
        let result = try CLIProcess.run(["inspect", "-"], stdin: "\n  \r\nBearer \(vector.token)  \r\nsecond line ignored\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("NOT VERIFIED"))
        #expect(result.stdout.contains(#""azp_name": "dev-gcp:aura:azure-token-generator""#))
        #expect(result.stdout.hasSuffix("audience A)\n"), "the verdict is repeated last")
        #expect(!result.stdout.contains(vector.signature))
    }

    @Test func undecodableTokenExitsOne() throws {
        let result = try CLIProcess.run(["inspect", "--json", "not-a-token"])
        #expect(result.status == 1)
        let object = try json(result)
        #expect(object["valid"] == .null)
        #expect(object["reason"]?.stringValue == "malformedToken")
        #expect(object["claims"] == .null)

        let tooLong = try CLIProcess.run(["inspect"], stdin: String(repeating: "a", count: 70_000) + "\n")
        #expect(tooLong.status == 1)
        #expect(tooLong.stdout.hasPrefix("UNDECODABLE (tokenTooLarge)"))
    }

    // MARK: Usage

    @Test(arguments: [
        ["inspect", "a.b.c", "d.e.f"],
        ["inspect", "--audience", "x", "a.b.c"],
        ["inspect", "--jwks", "/nonexistent/keys.json", "--issuer", "i", "--audience", "x", "a.b.c"],
        ["inspect", "--at", "yesterday", "a.b.c"],
        ["inspect", "--at", "2024-09-02T14:03:00", "a.b.c"],
        ["inspect", "--authority", "http://login.example.com/t/v2.0", "--audience", "x", "a.b.c"],
        ["inspect", "--authority", "https://login.microsoftonline.com/t/v2.0", "--issuer", "i", "--audience", "x", "a.b.c"],
        ["inspect", "--authority", "https://login.microsoftonline.com/t/v2.0", "a.b.c"],
        ["inspect", "--color", "a.b.c"],
        ["inspect", "--at", "1", "--at", "2", "a.b.c"],
        ["inspect"],   // empty standard input
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CLIProcess.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.contains("usage: entra-auth inspect"), "\(arguments)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["--issuer"], ["--audience", ""], ["--audience", "a,"], ["--clock-skew", "-1"], ["--clock-skew", "1e3"],
        ["--algorithms", "none"], ["--jwks", "OTHER"],
    ])
    func invalidValidationOptionsExitTwo(extra: [String]) throws {
        let vector = try Vector(Self.appOnlyV2)
        let jwks = try vector.writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        var arguments = ["inspect", "--jwks", jwks.path, "--audience", vector.audience, "--issuer", vector.issuer]
        // Replace the option under test (or add it).
        if let index = arguments.firstIndex(of: extra[0]) { arguments.removeSubrange(index...index + 1) }
        let result = try CLIProcess.run(arguments + extra + [vector.token])
        #expect(result.status == 2, "\(extra): \(result.stdout)")
        #expect(result.stderr.contains("usage: entra-auth inspect"))
    }

    @Test func helpAndTopLevelUsageListInspect() throws {
        let help = try CLIProcess.run(["inspect", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: entra-auth inspect [TOKEN]"))
        let top = try CLIProcess.run(["--help"])
        #expect(top.stdout.contains("\n  inspect "))
    }

    private static func iso(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
    }
}
