import EntraAuth
import Foundation
import HTTPServer
import OutboundHTTP
import Synchronization
import TestSupport
import Testing

/// The middleware in a real server, with keys discovered from a fake identity provider over
/// loopback: rotation, one fetch for many unknown-kid requests, provider down and garbage.
@Suite("EntraAuthentication over sockets", .serialized)
struct EntraAuthenticationOverSocketsTests {
    static let firstKey = (TestTokens.keyID, TestTokens.key)
    static let secondKey = ("test-key-2", TestTokens.otherKey)

    /// Runs aad-func's routes on a loopback port with keys from `idp`, calls `body(baseURL, issuer)`.
    private func withAPI(_ idp: FakeIdentityProvider, authority: String, policy: KeyRefreshPolicy = KeyRefreshPolicy(initialRetryDelay: .milliseconds(50), maximumRetryDelay: .milliseconds(200)),
                         _ body: (String) async throws -> Void) async throws {
        let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority), policy: policy)
        let validator = EntraTokenValidator(policy: TokenValidationPolicy(audiences: [TestTokens.audience]), keys: provider,
                                            now: { Date(timeIntervalSince1970: TestTokens.now) })
        let auth = EntraAuthentication<EntraAuthRequestContext>(validator: validator, keyProvider: provider, realm: "aad-func")
        let server = Server(configuration: .init(address: .hostPort("127.0.0.1", 0), logger: .disabled, handlesSignals: false),
                            router: makeTestRouter(auth))
        let task = Task { try await server.run(services: [auth]) }
        let address = try await server.boundAddress
        defer { server.shutdown() }
        try await body("http://127.0.0.1:\(address.port)")
        server.shutdown()
        try await task.value
    }

    private func get(_ url: String, token: String? = nil) async throws -> OutboundResponse {
        let headers: [(name: String, value: String)] = token.map { [("Authorization", "Bearer \($0)")] } ?? []
        return try await URLSessionFetcher().fetch(OutboundRequest(url: URL(string: url)!, headers: headers, timeout: .seconds(20)))
    }

    private func token(issuer: String, key: (String, RSAPrivateKey) = firstKey, _ overrides: [String: JSONValue?] = [:]) -> String {
        var claims = overrides
        claims["iss"] = .string(issuer)
        return TestTokens.sign(TestTokens.claims(claims), key: key.1,
                               header: [("typ", .string("JWT")), ("alg", .string("RS256")), ("kid", .string(key.0))])
    }

    private func eventually(_ condition: () async throws -> Bool) async rethrows -> Bool {
        for _ in 0..<200 {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    @Test("key rotation: a token signed by a newly published key is accepted at once; a key that disappears stops its cached tokens")
    func rotation() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([Self.firstKey])) { idp, authority in
            try await withAPI(idp, authority: authority) { base in
                #expect(try await eventually { try await get(base + "/api/claims", token: token(issuer: authority)).status == 200 })
                let old = token(issuer: authority)
                #expect(try await get(base + "/api/admin", token: old).status == 200)
                let jwksHitsBefore = idp.jwksHits
                idp.setJWKS(body: TestKeys.jwks([Self.secondKey]))
                let new = token(issuer: authority, key: Self.secondKey)
                #expect(try await get(base + "/api/admin", token: new).status == 200)     // answered from the refreshed keys
                #expect(idp.jwksHits == jwksHitsBefore + 1)
                let stale = try await get(base + "/api/admin", token: old)
                #expect(stale.status == 401)
                #expect(String(decoding: stale.body, as: UTF8.self).contains("unknownSigningKey"))
            }
        }
    }

    @Test("200 concurrent requests with an unknown kid cause one JWKS fetch, and all are answered 200")
    func singleFlight() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([Self.firstKey])) { idp, authority in
            try await withAPI(idp, authority: authority) { base in
                #expect(try await eventually { try await get(base + "/healthz").status == 200 && idp.jwksHits >= 1 })
                #expect(try await eventually { try await get(base + "/api/claims", token: token(issuer: authority)).status == 200 })
                let hitsBefore = idp.jwksHits
                idp.setJWKS(body: TestKeys.jwks([Self.firstKey, Self.secondKey]))
                // 200 connections, every request written before any answer is read. Eight distinct
                // tokens (signing is slow in debug builds), all signed by the not-yet-known key.
                let port = Int(base.split(separator: ":").last!)!
                let tokens = (0..<8).map { token(issuer: authority, key: Self.secondKey, ["uti": .string("u\($0)")]) }
                let clients = try (0..<200).map { _ in try RawClient(port: port, timeout: .seconds(20)) }
                for (index, client) in clients.enumerated() {
                    let token = tokens[index % tokens.count]
                    try await client.send("GET /api/claims HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\n\r\n")
                }
                var statuses: [Int] = []
                for client in clients { statuses.append(try await client.readResponse().statusCode) }
                #expect(statuses.count == 200)
                #expect(statuses.allSatisfy { $0 == 200 })
                #expect(idp.jwksHits == hitsBefore + 1)
            }
        }
    }

    @Test("provider down at start: 503 with Retry-After until keys load, then 200 without a restart")
    func providerDownAtStart() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([Self.firstKey])) { idp, authority in
            idp.setDiscovery(.status(503))
            try await withAPI(idp, authority: authority) { base in
                let early = try await get(base + "/api/claims", token: token(issuer: authority))
                #expect(early.status == 503)
                #expect(early.header("retry-after") == "5")
                #expect(String(decoding: early.body, as: UTF8.self).contains("signingKeysUnavailable"))
                #expect(try await get(base + "/healthz").status == 200)
                idp.setDiscovery(.ok)
                #expect(try await eventually { try await get(base + "/api/claims", token: token(issuer: authority)).status == 200 })
            }
        }
    }

    @Test("provider returns garbage or 10 MB: the last good keys keep serving valid tokens")
    func providerGarbage() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([Self.firstKey])) { idp, authority in
            try await withAPI(idp, authority: authority) { base in
                let good = token(issuer: authority)
                #expect(try await eventually { try await get(base + "/api/claims", token: good).status == 200 })
                idp.setJWKS(.garbage)
                let unknown = try await get(base + "/api/claims", token: token(issuer: authority, key: Self.secondKey))
                #expect(unknown.status == 401)
                #expect(try await get(base + "/api/claims", token: token(issuer: authority, ["uti": .string("fresh")])).status == 200)
            }
        }
    }
}
