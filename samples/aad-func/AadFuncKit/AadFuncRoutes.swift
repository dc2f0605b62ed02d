public import EntraAuth
public import HTTPServer

/// The protected API of the scenario.
///
/// - `GET /healthz` — anonymous, `ok`.
/// - `GET /api/claims` — any valid caller: its validated claims as JSON.
/// - `GET /api/admin` — callers holding the app role `DoAll`: their claims.
/// - `GET /.auth/me` — the caller's claims, like App Service's endpoint.
/// - `GET /metrics` — Prometheus counters, when enabled.
///
/// ```swift
/// let auth = try EntraAuthentication<EntraAuthRequestContext>(authority: authority, audiences: ["api://aad-func"])
/// let router = makeAadFuncRouter(auth: auth, metrics: false)
/// try await Server(configuration: .init(address: .port(8080)), router: router).run(services: [auth])
/// ```
public func makeAadFuncRouter(auth: EntraAuthentication<EntraAuthRequestContext>, metrics: Bool) -> Router<EntraAuthRequestContext> {
    var router = Router(context: EntraAuthRequestContext.self)
    router.add(middleware: auth)
    router.get("/healthz", access: .anonymous) { _, _ in .text("ok") }
    router.get("/api/claims") { _, context in .claims(try context.requireIdentity()) }
    router.get("/api/admin", access: .anyRole("DoAll")) { _, context in .claims(try context.requireIdentity()) }
    router.addClaimsEndpoint()
    if metrics { router.addMetricsEndpoint(auth: auth) }
    return router
}
