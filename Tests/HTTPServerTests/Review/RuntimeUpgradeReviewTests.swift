import Testing
@testable import HTTPServer
import TestSupport

/// attacks.md B19 (Upgrade / h2c smuggling): the server supports neither WebSocket nor h2c, so an
/// `Upgrade` request is answered as plain HTTP/1.1 — never `101` — and the connection keeps
/// speaking HTTP/1.1, so nothing after the request can be read as a tunnel that bypasses routing.
@Suite("Review: B19 upgrade requests are not honoured", .timeLimit(.minutes(1)))
struct RuntimeUpgradeReviewTests {
    @Test(arguments: [
        "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n",
        "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n",
    ])
    func upgradeIsIgnoredAndTheConnectionStaysHTTP1(_ fields: String) async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: h\r\n\(fields)\r\n")
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.header("upgrade") == nil)
            #expect(response.text == "ok")
            // The next bytes are parsed as HTTP/1.1, not passed through as a tunnel.
            try await client.send("GET /nope HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try await client.readResponse().statusCode == 404)
        }
    }
}
