import EntraAuth
import HTTPServer

/// The scenario's routes (as in samples/aad-func) around a given middleware, plus a route that
/// echoes the request headers its handler sees.
func makeTestRouter(_ auth: EntraAuthentication<EntraAuthRequestContext>) -> Router<EntraAuthRequestContext> {
    var router = Router(context: EntraAuthRequestContext.self)
    router.add(middleware: auth)
    router.get("/healthz", access: .anonymous) { _, _ in .text("ok") }
    router.get("/api/claims") { _, context in .claims(try context.requireIdentity()) }
    router.get("/api/admin", access: .anyRole("DoAll")) { _, context in .claims(try context.requireIdentity()) }
    router.get("/api/headers") { request, context in
        .text(request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\nidentity: \(context.identity?.objectID ?? "-")")
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
