import EntraAuth
import EntraAuthCore
import Foundation
import HTTPServer
import JOSE
import TestSupport

/// aad-func's routes behind the middleware in a real server on a loopback port, with keys from
/// a local key set and a handler-hit counter: the target of the attack tests.
struct WireServer {
    let port: Int
    let hits: HandlerHits

    /// Starts the server, runs `body`, shuts the server down.
    static func with(keys: JWKSet = TestTokens.keySet(), maxConnections: Int = 10_000, writeTimeout: Duration = .seconds(30),
                     _ body: (WireServer) async throws -> Void) async throws {
        let hits = HandlerHits()
        let auth = makeTestAuth(keys: StaticKeys(keys, issuer: TestTokens.issuerV2))
        var configuration = HTTPServerConfiguration(address: .hostPort("127.0.0.1", 0), logger: .disabled, handlesSignals: false)
        configuration.accessLog = false
        configuration.maxConnections = maxConnections
        configuration.writeTimeout = writeTimeout
        let server = Server(configuration: configuration, router: makeTestRouter(auth, hits: hits))
        let task = Task { try await server.run() }
        defer { server.shutdown() }
        let address = try await server.boundAddress
        try await body(WireServer(port: address.port, hits: hits))
        server.shutdown()
        try await task.value
    }

    /// One request on a fresh connection (`Connection: close`), with `authorization` as the
    /// Authorization field value when given, and any extra raw header lines.
    func get(_ path: String = "/api/admin", authorization: String?, extra: [String] = []) async throws -> RawResponse {
        var head = "GET \(path) HTTP/1.1\r\nHost: aad-func\r\nConnection: close\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        for line in extra { head += line + "\r\n" }
        let client = try RawClient(port: port, timeout: .seconds(10))
        try await client.send(head + "\r\n")
        return try await client.readResponse()
    }

    /// Sends `Bearer <token>` to /api/admin.
    func bearer(_ token: String, path: String = "/api/admin") async throws -> RawResponse {
        try await get(path, authorization: "Bearer \(token)")
    }
}

extension RawResponse {
    /// The problem body's `reason`.
    var problemReason: String? { json?["reason"] as? String }
    /// The RFC 6750 `error` in the challenge, if any.
    var bearerError: String? {
        guard let challenge = header("www-authenticate"), let range = challenge.range(of: #"error=""#) else { return nil }
        return String(challenge[range.upperBound...].prefix { $0 != "\"" })
    }
}

/// Tokens built by hand: any header and payload text, any signature bytes.
enum HandMadeToken {
    static func encode(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    /// The JSON text of TestTokens' default claims with `overrides`.
    static func claimsJSON(_ overrides: [String: JSONValue?] = [:]) -> String {
        JSONWriter.serialize(.object(TestTokens.claims(overrides)))
    }

    /// `header.payload.signature` from raw header and payload JSON text.
    static func compact(header: String, payload: String, signature: [UInt8]) -> String {
        encode(header) + "." + encode(payload) + "." + Base64URL.encode(signature)
    }

    /// Signed with RS256 (PKCS#1 v1.5) by `key`, over the raw header and payload text.
    static func rs256(header: String, payload: String = claimsJSON(), key: RSAPrivateKey = TestTokens.key) -> String {
        let input = encode(header) + "." + encode(payload)
        return input + "." + Base64URL.encode(key.signature(for: Array(input.utf8), padding: .pkcs1v15, digest: .sha256))
    }

    /// Signed with `padding`/`digest` by `key`, whatever the header says.
    static func rsa(header: String, payload: String = claimsJSON(), key: RSAPrivateKey = TestTokens.key,
                    padding: RSASignaturePadding, digest: DigestAlgorithm) -> String {
        let input = encode(header) + "." + encode(payload)
        return input + "." + Base64URL.encode(key.signature(for: Array(input.utf8), padding: padding, digest: digest))
    }

    /// An HMAC-SHA-256 tag over the signing input with `secret` as the key.
    static func hs256(header: String, payload: String = claimsJSON(), secret: [UInt8]) -> String {
        let input = encode(header) + "." + encode(payload)
        return input + "." + Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Array(input.utf8), key: secret))
    }
}
