// Hummingbird 2 + jwt-kit doing aad-func's checks (the peer of aad-func).
// Env: PORT, AUTH_AUTHORITY (discovery + JWKS fetched once at start), AUTH_AUDIENCE (comma-separated).
// Routes: /healthz (anonymous), /api/claims (any valid token), /api/admin (roles ∋ DoAll), /hello.
import Foundation
import Hummingbird
import JWTKitEntra
import Logging

let environment = ProcessInfo.processInfo.environment
let port = Int(environment["PORT"] ?? "8082") ?? 8082
guard let authority = environment["AUTH_AUTHORITY"], let audience = environment["AUTH_AUDIENCE"] else {
    FileHandle.standardError.write(Data("hb-jwtkit: set AUTH_AUTHORITY and AUTH_AUDIENCE\n".utf8))
    exit(2)
}
let gate = try await JWTKitGate.discover(authority: authority, audiences: audience.split(separator: ",").map(String.init))

@Sendable func protected(_ request: Request, role: String?) async throws -> Response {
    switch await gate.check(authorization: request.headers[.authorization], role: role) {
    case .allowed(let claims):
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JWTKitGate.json(claims))))
    case .unauthorized:
        return Response(status: .unauthorized, headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
    case .forbidden:
        return Response(status: .forbidden, headers: [.wwwAuthenticate: #"Bearer error="insufficient_scope""#])
    }
}

let router = Router()
router.get("hello") { _, _ -> String in "ok" }
router.get("healthz") { _, _ -> String in "ok" }
router.get("api/claims") { request, _ in try await protected(request, role: nil) }
router.get("api/admin") { request, _ in try await protected(request, role: "DoAll") }
var logger = Logger(label: "hb-jwtkit")
logger.logLevel = .warning
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil), logger: logger)
print("hb-jwtkit listening on 127.0.0.1:\(port)")
try await app.runService()
