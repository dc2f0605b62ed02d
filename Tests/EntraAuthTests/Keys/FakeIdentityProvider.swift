import Foundation
import HTTPServer
import Synchronization

/// A fake OpenID provider on a real loopback socket: a discovery document and a JWKS under
/// `/{tenant}/…`, with switchable behaviour and hit counters.
final class FakeIdentityProvider: Sendable {
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"

    /// How a route answers.
    enum Behaviour: Sendable {
        case ok
        case status(Int)
        case garbage
        case slow(Duration)
        /// A streamed body of this many bytes (no Content-Length up front).
        case huge(Int)
    }

    private struct State {
        var discovery = Behaviour.ok
        var jwks = Behaviour.ok
        var jwksBody: [UInt8] = []
        var jwksURIOverride: String?
        var discoveryHits = 0
        var jwksHits = 0
        var discoveryAppIDs: [String?] = []
        var jwksAppIDs: [String?] = []
    }

    private let state = Mutex(State())

    init(jwks: [UInt8]) {
        state.withLock { $0.jwksBody = jwks }
    }

    func setDiscovery(_ behaviour: Behaviour) { state.withLock { $0.discovery = behaviour } }
    func setJWKS(_ behaviour: Behaviour) { state.withLock { $0.jwks = behaviour } }
    func setJWKS(body: [UInt8]) { state.withLock { $0.jwksBody = body } }
    func setJWKSURI(_ uri: String?) { state.withLock { $0.jwksURIOverride = uri } }
    var discoveryHits: Int { state.withLock { $0.discoveryHits } }
    var jwksHits: Int { state.withLock { $0.jwksHits } }
    var discoveryAppIDs: [String?] { state.withLock { $0.discoveryAppIDs } }
    var jwksAppIDs: [String?] { state.withLock { $0.jwksAppIDs } }

    /// The routes: `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/discovery/v2.0/keys`.
    func router() -> Router<BasicRequestContext> {
        var router = Router(context: BasicRequestContext.self)
        let tenant = Self.tenant
        router.get("/\(tenant)/v2.0/.well-known/openid-configuration") { request, _ in
            let appID = request.query["appid"]
            let (behaviour, override) = self.state.withLock { state in
                state.discoveryHits += 1
                state.discoveryAppIDs.append(appID)
                return (state.discovery, state.jwksURIOverride)
            }
            let base = "http://\(request.authority)/\(tenant)"
            let jwksURI = override ?? base + "/discovery/v2.0/keys" + (appID.map { "?appid=" + $0 } ?? "")
            return try await Self.respond(behaviour, Array(#"{"issuer":"\#(base)/v2.0","jwks_uri":"\#(jwksURI)"}"#.utf8))
        }
        router.get("/\(tenant)/discovery/v2.0/keys") { request, _ in
            let appID = request.query["appid"]
            let (behaviour, body) = self.state.withLock { state in
                state.jwksHits += 1
                state.jwksAppIDs.append(appID)
                return (state.jwks, state.jwksBody)
            }
            return try await Self.respond(behaviour, body)
        }
        return router
    }

    private static func respond(_ behaviour: Behaviour, _ body: [UInt8]) async throws -> HTTPResponse {
        switch behaviour {
        case .ok:
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: body)
        case .status(let code):
            return HTTPResponse(status: HTTPStatus(code: code), body: Array(#"{"error":"secret-body-text"}"#.utf8))
        case .garbage:
            return HTTPResponse(status: .ok, body: Array("<html>secret-body-text</html>".utf8))
        case .slow(let delay):
            try await Task.sleep(for: delay)
            return HTTPResponse(status: .ok, body: body)
        case .huge(let count):
            return HTTPResponse(status: .ok, body: .stream { writer in
                let chunk = [UInt8](repeating: 0x20, count: 1 << 20)
                var sent = 0
                while sent < count {
                    try await writer.write(Array(chunk.prefix(count - sent)))
                    sent += chunk.count
                }
            })
        }
    }

    /// Runs `body` with a provider serving `jwks` on an ephemeral loopback port; `body` gets the
    /// v2 authority (`http://127.0.0.1:PORT/{tenant}/v2.0`).
    static func with(jwks: [UInt8], _ body: (FakeIdentityProvider, String) async throws -> Void) async throws {
        let idp = FakeIdentityProvider(jwks: jwks)
        let server = Server(configuration: .init(address: .hostPort("127.0.0.1", 0), handlesSignals: false), router: idp.router())
        let task = Task { try await server.run() }
        let address = try await server.boundAddress
        defer { server.shutdown() }
        try await body(idp, "http://127.0.0.1:\(address.port)/\(tenant)/v2.0")
        server.shutdown()
        try await task.value
    }
}
