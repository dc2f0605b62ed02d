import EntraAuth
import HTTPServer
import Synchronization

/// Counts how often the protected handlers ran: attack tests assert that a refused request
/// never reached one.
final class HandlerHits: Sendable {
    private let count = Atomic<Int>(0)
    func record() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// The scenario's routes (as in samples/aad-func) around a given middleware, plus a route that
/// echoes the request headers its handler sees. `hits` counts every run of a protected handler.
func makeTestRouter(_ auth: EntraAuthentication<EntraAuthRequestContext>, hits: HandlerHits? = nil) -> Router<EntraAuthRequestContext> {
    var router = Router(context: EntraAuthRequestContext.self)
    router.add(middleware: auth)
    router.get("/healthz", access: .anonymous) { _, _ in .text("ok") }
    router.get("/api/claims") { _, context in
        hits?.record()
        return .claims(try context.requireIdentity())
    }
    router.get("/api/admin", access: .anyRole("DoAll")) { _, context in
        hits?.record()
        return .claims(try context.requireIdentity())
    }
    router.post("/api/upload") { request, context in
        hits?.record()
        return .text("\(try context.requireIdentity().objectID ?? "-") \(request.body.count)")
    }
    router.get("/api/headers") { request, context in
        hits?.record()
        return .text(request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\nidentity: \(context.identity?.objectID ?? "-")")
    }
    router.addClaimsEndpoint()
    router.addMetricsEndpoint(auth: auth)
    return router
}

func makeTestAuth(keys: any SigningKeyResolving = StaticKeys(TestTokens.keySet(), issuer: TestTokens.issuerV2),
                  logger: Logger = .disabled, easyAuth: EasyAuthMode = .off, rules: AccessRules? = nil) -> EntraAuthentication<EntraAuthRequestContext> {
    EntraAuthentication(validator: TestTokens.validator(keys: keys), rules: rules, easyAuth: easyAuth, realm: "aad-func")
}

extension TestResponse {
    var challenge: String? { headers["www-authenticate"] }
    /// The problem body's `reason`.
    var reason: String? {
        (try? JSONReader.parse(body))?["reason"]?.stringValue
    }
}
