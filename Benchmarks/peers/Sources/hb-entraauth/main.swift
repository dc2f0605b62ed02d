// Hummingbird 2 with its routes protected by EntraAuth's validator core (EntraAuthCore), not by
// this repository's HTTP server: the same checks and routes as aad-func, on another framework.
// Env: PORT, AUTH_AUTHORITY, AUTH_AUDIENCE (comma-separated), AUTH_TOKEN_CACHE_SIZE (0 = off).
import EntraAuthCore
import Foundation
import Hummingbird
import Logging

let environment = ProcessInfo.processInfo.environment
let port = Int(environment["PORT"] ?? "8083") ?? 8083
guard let authority = environment["AUTH_AUTHORITY"], let audience = environment["AUTH_AUDIENCE"] else {
    FileHandle.standardError.write(Data("hb-entraauth: set AUTH_AUTHORITY and AUTH_AUDIENCE\n".utf8))
    exit(2)
}
let cacheSize = Int(environment["AUTH_TOKEN_CACHE_SIZE"] ?? "") ?? 10_000

let keys = SigningKeyProvider(source: try .openIDConnect(authority: authority))
let refresher = Task { try await keys.run() }   // discovery + JWKS now, background refresh after
let validator = EntraTokenValidator(
    policy: TokenValidationPolicy(audiences: audience.split(separator: ",").map(String.init)),
    keys: keys, cache: TokenCacheLimits(maximumEntryCount: cacheSize))
guard await keys.waitUntilLoaded(timeout: .seconds(20)) else {
    FileHandle.standardError.write(Data("hb-entraauth: no signing keys from \(authority)\n".utf8))
    exit(1)
}

let router = Router(context: EntraContext.self)
router.get("hello") { _, _ -> String in "ok" }
router.get("healthz") { _, _ -> String in "ok" }
router.group("api/claims")
    .add(middleware: EntraAuthMiddleware(validator: validator, requirement: .authenticated))
    .get { _, context in context.identity?.claimsResponse ?? Response(status: .internalServerError) }
router.group("api/admin")
    .add(middleware: EntraAuthMiddleware(validator: validator, requirement: .anyRole("DoAll")))
    .get { _, context in context.identity?.claimsResponse ?? Response(status: .internalServerError) }

var logger = Logger(label: "hb-entraauth")
logger.logLevel = .warning
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil), logger: logger)
print("hb-entraauth listening on 127.0.0.1:\(port) (cache \(cacheSize == 0 ? "off" : String(cacheSize)))")
try await app.runService()
refresher.cancel()
