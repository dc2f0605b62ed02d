import Foundation
import IdentityEmulator
import JOSE
import ManagedIdentity

/// The six steps of the scenario against running servers, each checking the behaviour it
/// expects and saying what it saw.
struct DemoSteps: Sendable {
    let emulator: Emulator
    let apiBase: String
    let options: DemoOptions
    /// The key the emulator rotates to in step 5 (being generated in the background).
    let rotationKey: Task<RSAPrivateKey, Never>
    /// How many times aad-func's key provider has refreshed because a token named an unknown kid.
    let unknownKeyRefreshes: @Sendable () -> Int
    /// `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`: App Service mode, pointing at the emulator.
    let appServiceEnvironment: [String: String]
    let http = DemoHTTP()

    /// Runs every step in order, reporting each as it finishes.
    func run(report: @Sendable (DemoStepResult) -> Void) async -> [DemoStepResult] {
        var results: [DemoStepResult] = []
        func record(_ result: DemoStepResult) {
            results.append(result)
            report(result)
        }
        let caller = ManagedIdentityCredential(environment: appServiceEnvironment)
        let scope = options.apiResource + "/.default"

        // 1. msi-func's system-assigned identity holds DoAll: claims, then the admin route.
        var firstToken: String?
        record(await step(1, "msi-func (holds DoAll) gets a token in App Service mode → GET /api/claims") {
            let token = try await caller.token(for: scope).token
            firstToken = token
            let claims = try await http.get(apiBase + "/api/claims", token: token)
            let detail = "\(claims.status); appid \(claims.appID ?? "?"), roles \(claims.roles)"
            return (claims.status == 200 && claims.roles.contains("DoAll") ? nil : "expected 200 with role DoAll; got \(claims.summary)", detail)
        })
        record(await step(1, "msi-func → GET /api/admin (needs app role DoAll)") {
            guard let token = firstToken else { return ("no token from the previous step", "skipped") }
            let admin = try await http.get(apiBase + "/api/admin", token: token)
            return (admin.status == 200 ? nil : "expected 200; got \(admin.summary)", "\(admin.status)")
        })

        // 2. The user-assigned identity with no role: valid token, but 403 on the admin route.
        let roleless = emulator.configuration.identity(named: DemoScenario.roleless)
        record(await step(2, "reader-func (user-assigned, no role) → GET /api/admin") {
            guard let roleless else { return ("the emulator has no identity named \(DemoScenario.roleless)", "") }
            let credential = ManagedIdentityCredential(identity: .clientID(roleless.clientID), environment: appServiceEnvironment)
            let answer = try await http.get(apiBase + "/api/admin", token: try await credential.token(for: scope).token)
            return (answer.status == 403 && answer.reason == "insufficientAccess" ? nil : "expected 403 insufficientAccess; got \(answer.summary)",
                    answer.summary)
        })

        // 3. No token at all.
        record(await step(3, "no token → GET /api/claims") {
            let answer = try await http.get(apiBase + "/api/claims")
            return (answer.status == 401 && answer.reason == "missingToken" ? nil : "expected 401 missingToken; got \(answer.summary)", answer.summary)
        })

        // 4. A token for Microsoft Graph, signed by the emulator like any other.
        record(await step(4, "msi-func sends a Microsoft Graph token → GET /api/claims") {
            let graph = try await caller.token(for: "https://graph.microsoft.com/.default").token
            let answer = try await http.get(apiBase + "/api/claims", token: graph)
            return (answer.status == 401 && answer.reason == "graphToken" ? nil : "expected 401 graphToken; got \(answer.summary)", answer.summary)
        })

        // 5. Key rotation: a token signed by the new key works at once; the old token still works.
        record(await step(5, "signing keys rotate; a token signed by the new key → GET /api/admin") {
            // Same as POST /emulator/rotate-keys, with a key made in advance.
            let newKeyID = emulator.rotateKeys(to: await rotationKey.value)
            let refreshesBefore = unknownKeyRefreshes()
            await caller.clearCache()
            let token = try await caller.token(for: scope).token
            let keyID = try UnverifiedJWS(parsing: token).header["kid"]?.stringValue
            let answer = try await http.get(apiBase + "/api/admin", token: token)
            let refreshed = unknownKeyRefreshes() > refreshesBefore
            let detail = "new kid \(newKeyID); \(answer.status) (aad-func refetched the keys on the unknown kid)"
            if keyID != newKeyID { return ("the new token is signed with kid \(keyID ?? "none"), not the new \(newKeyID)", detail) }
            if answer.status == 200 && !refreshed { return ("200, but aad-func did not count an unknown-kid refresh", detail) }
            return (answer.status == 200 ? nil : "expected 200; got \(answer.summary)", detail)
        })
        record(await step(5, "the token from before the rotation → GET /api/admin") {
            guard let token = firstToken else { return ("no token from step 1", "skipped") }
            let answer = try await http.get(apiBase + "/api/admin", token: token)
            return (answer.status == 200 ? nil : "expected 200 (the old key stays published during the overlap); got \(answer.summary)",
                    "\(answer.status) (the old key is still published)")
        })

        // 6. An expired token: issued two days ago, lifetime about a day.
        record(await step(6, "an expired msi-func token → GET /api/claims") {
            let issued = try emulator.issueToken(identity: DemoScenario.caller, resource: options.apiResource,
                                                 issuedAt: Int(Date().timeIntervalSince1970) - 2 * 86_400)
            let answer = try await http.get(apiBase + "/api/claims", token: issued.accessToken)
            return (answer.status == 401 && answer.reason == "expired" ? nil : "expected 401 expired; got \(answer.summary)", answer.summary)
        })
        return results
    }

    /// Runs `body`, which returns `(failure, detail)`: `failure` is `nil` when the step behaved
    /// as expected. A thrown error fails the step with its description.
    private func step(_ number: Int, _ title: String,
                      _ body: () async throws -> (failure: String?, detail: String)) async -> DemoStepResult {
        do {
            let (failure, detail) = try await body()
            if let failure { return DemoStepResult(number: number, title: title, passed: false, detail: failure) }
            return DemoStepResult(number: number, title: title, passed: true, detail: detail)
        } catch {
            return DemoStepResult(number: number, title: title, passed: false, detail: "error: \(error)")
        }
    }
}
