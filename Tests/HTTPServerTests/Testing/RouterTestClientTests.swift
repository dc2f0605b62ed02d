import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// The in-process test client must behave like the server: same parsing, same error mapping.
@Suite struct RouterTestClientTests {
    static func router() -> Router<BasicRequestContext> {
        var router = Router()
        router.get("/items/:id") { request, context in
            .text("\(context.parameters["id"] ?? "-") x=\(request.query["x"] ?? "-") auth=\(request.headers["authorization"] ?? "-")")
        }
        router.post("/echo") { request, _ in HTTPResponse(status: .created, body: request.body) }
        router.get("/teapot") { _, _ in throw RouterTests.Teapot() }
        router.get("/boom") { _, _ in throw RouterTests.SecretFailure() }
        router.get("/stream") { _, _ in
            HTTPResponse(body: .stream { writer in
                for index in 1...3 { try await writer.write("line \(index)\n") }
            })
        }
        router.get("/peer") { _, context in .text(context.remoteAddress?.description ?? "none") }
        router.get("/interim") { _, _ in HTTPResponse(status: .continue) }
        return router
    }

    @Test func parsesTargetQueryAndHeadersLikeTheServer() async throws {
        let client = try Self.router().testClient()
        let response = try await client.execute(.get, "/items/a%20b?x=2&y", headers: ["Authorization": "Bearer t"])
        #expect(response.status == .ok)
        #expect(response.bodyText == "a b x=2 auth=Bearer t")
        #expect(response.headers["content-type"] == "text/plain; charset=utf-8")
        let echo = try await client.execute(.post, "/echo", body: "hello")
        #expect(echo.status == .created)
        #expect(echo.bodyText == "hello")
        let head = try await client.execute(.head, "/items/1")
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
    }

    @Test(arguments: ["/items/%2F", "/items/../admin", "/items/a%zz", "/items/a#frag", "/items/%00"])
    func badTargetsGetTheSameProblemAsFromTheServer(target: String) async throws {
        let client = try Self.router().testClient()
        let local = try await client.execute(.get, target)
        try await withServer(Self.router()) { port in
            let raw = try RawClient(port: port)
            try await raw.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n")
            let wire = try await raw.readResponse()
            #expect(local.status.code == wire.statusCode)
            #expect(local.status == .badRequest)
            #expect(local.headers["content-type"] == wire.header("content-type"))
            #expect(local.body == Array(wire.text.utf8))
        }
    }

    @Test func badHeaderFieldIsRefusedLikeTheServer() async throws {
        let client = try Self.router().testClient()
        let response = try await client.execute(.get, "/items/1", headers: ["X-Bad": "a\u{1}b"])
        #expect(response.status == .badRequest)
        #expect(response.bodyText.contains("urn:entraauth:http:invalidHeaderValue"))
    }

    @Test func thrownErrorsMapLikeTheServer() async throws {
        let client = try Self.router().testClient()
        let teapot = try await client.execute(.get, "/teapot")
        #expect(teapot.status.code == 418)
        #expect(teapot.headers["x-pot"] == "1")
        #expect(teapot.headers["content-type"] == "application/problem+json")
        let boom = try await client.execute(.get, "/boom")
        #expect(boom.status == .internalServerError)
        #expect(!boom.bodyText.contains("hunter2"))
        #expect(try await client.execute(.get, "/interim").status == .internalServerError)
        let missing = try await client.execute(.get, "/nope")
        #expect(missing.status == .notFound)
        let wrongMethod = try await client.execute(.delete, "/echo")
        #expect(wrongMethod.status == .methodNotAllowed)
        #expect(wrongMethod.headers["allow"] == "POST")
    }

    @Test func streamedBodiesAreCollected() async throws {
        let response = try await Self.router().testClient().execute(.get, "/stream")
        #expect(response.bodyText == "line 1\nline 2\nline 3\n")
    }

    @Test func contextComesFromTheSourceWithLoggerAndAddress() async throws {
        let handler = CapturingLogHandler()
        let address = SocketAddress(host: "10.1.2.3", port: 4567, family: .ipv4)
        let client = try Self.router().testClient(logger: Logger(handler: handler), remoteAddress: address)
        #expect(try await client.execute(.get, "/peer").bodyText == "10.1.2.3:4567")
        #expect(try await Self.router().testClient().execute(.get, "/peer").bodyText == "none")
        _ = try await client.execute(.get, "/boom")
        #expect(handler.records.contains { $0.message == "handler failed" })
    }
}
