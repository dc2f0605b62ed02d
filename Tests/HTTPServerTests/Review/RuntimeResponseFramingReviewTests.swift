import Testing
@testable import HTTPServer
import TestSupport

/// Review of response framing the server owns (attacks.md B10/B21 neighbours on the response
/// side): 204 and 304 never carry `Content-Length` or content, HEAD never carries content, and a
/// response to an HTTP/1.0 request never says `Transfer-Encoding` (RFC 9112 §6.1 — this one was
/// sent for HEAD on a streamed route and is fixed). Each case is followed by a second request
/// on the same connection, which fails if stray body bytes were left behind.
@Suite("Review: response framing for 204, 304 and HEAD", .timeLimit(.minutes(1)))
struct RuntimeResponseFramingReviewTests {
    static func router(producerRuns: Counter) -> Router<BasicRequestContext> {
        var router = Router(context: BasicRequestContext.self)
        router.get("/clean") { _, _ in .text("clean") }
        router.get("/no-content") { _, _ in
            HTTPResponse(status: .noContent, headers: ["Content-Length": "5"], body: Array("oops!".utf8))
        }
        router.get("/not-modified") { _, _ in
            HTTPResponse(status: HTTPStatus(code: 304), headers: ["Content-Length": "5", "ETag": "\"a\""], body: Array("oops!".utf8))
        }
        router.get("/stream") { _, _ in
            HTTPResponse(status: .ok, body: .stream { writer in
                producerRuns.increment()
                try await writer.write("streamed")
            })
        }
        return router
    }

    static func expectInSync(_ client: RawClient, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await client.send("GET /clean HTTP/1.1\r\nHost: h\r\n\r\n")
        let next = try await client.readResponse()
        #expect(next.statusCode == 200, sourceLocation: sourceLocation)
        #expect(next.text == "clean", sourceLocation: sourceLocation)
    }

    @Test(arguments: [("/no-content", 204), ("/not-modified", 304)])
    func noLengthAndNoContent(path: String, status: Int) async throws {
        try await withServer(Self.router(producerRuns: Counter())) { port in
            let client = try RawClient(port: port)
            try await client.send("GET \(path) HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.statusCode == status)
            #expect(response.header("content-length") == nil)
            #expect(response.header("transfer-encoding") == nil)
            try await Self.expectInSync(client)
        }
    }

    @Test func headOnAStreamedRouteSendsNoBodyAndDoesNotRunTheProducer() async throws {
        let runs = Counter()
        try await withServer(Self.router(producerRuns: runs)) { port in
            let client = try RawClient(port: port)
            try await client.send("HEAD /stream HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try await client.readResponse(head: true)
            #expect(response.statusCode == 200)
            #expect(response.header("transfer-encoding") == "chunked")
            try await Self.expectInSync(client)
            #expect(runs.value == 0)
        }
    }

    @Test func headOnAStreamedRouteFromHTTP10HasNoTransferEncoding() async throws {
        try await withServer(Self.router(producerRuns: Counter())) { port in
            let client = try RawClient(port: port)
            try await client.send("HEAD /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try await client.readResponse(head: true)
            #expect(response.statusCode == 200)
            #expect(response.header("transfer-encoding") == nil)
            #expect(response.header("content-length") == nil)
        }
    }
}
