import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Security review of the runtime: response splitting through what a handler controls.
///
/// Field values were already neutralised (CR, LF and NUL become spaces), but a field *name* and the
/// status line's reason phrase were written as given: a name such as `"X-A\r\nSet-Cookie: evil"`
/// or `HTTPStatus(code: 200, reasonPhrase: "OK\r\nSet-Cookie: evil")` added a header of the
/// attacker's choosing (or a second `Content-Length`, splitting the response stream) whenever a
/// handler built them from request data. Names that are not RFC 9110 tokens are now dropped and
/// reason-phrase bytes outside HTAB / SP / VCHAR / obs-text become spaces. A final status outside
/// 200...999 (for example a handler returning `100`) is sent as 500, since a client takes a 1xx
/// for an interim response and would wait for another one.
@Suite("Review: response header injection over a socket", .timeLimit(.minutes(1)))
struct RuntimeResponseInjectionReviewTests {
    static func router() -> Router<BasicRequestContext> {
        var router = Router(context: BasicRequestContext.self)
        router.get("/clean") { _, _ in .text("clean") }
        router.get("/name") { _, _ in
            HTTPResponse(status: .ok, headers: ["X-A\r\nSet-Cookie: evil=1": "v", "X-B": "ok"], body: Array("hi".utf8))
        }
        router.get("/length-name") { _, _ in
            // A name that is not exactly `Content-Length` escaped the framing filter.
            HTTPResponse(status: .ok, headers: ["Content-Length ": "0", "Content-Length\t": "0", "X-B": "ok"], body: Array("hi".utf8))
        }
        router.get("/colon-name") { _, _ in
            HTTPResponse(status: .ok, headers: ["Set-Cookie: evil=1\r\nX": "v", "": "empty", "X-B": "ok"], body: Array("hi".utf8))
        }
        router.get("/reason") { _, _ in
            HTTPResponse(status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nSet-Cookie: evil=1\r\nX:\u{0}"), body: Array("hi".utf8))
        }
        router.get("/interim") { _, _ in
            HTTPResponse(status: HTTPStatus(code: 100), body: Array("hi".utf8))
        }
        router.get("/negative") { _, _ in
            HTTPResponse(status: HTTPStatus(code: -5, reasonPhrase: "Weird"), body: Array("hi".utf8))
        }
        return router
    }

    /// Sends one request and returns the raw response head (up to the empty line) and the
    /// parsed response, then checks the connection is still usable (no smuggled bytes left).
    static func exchange(_ path: String, port: Int) async throws -> (head: String, response: RawResponse) {
        let client = try RawClient(port: port, timeout: .seconds(3))
        try await client.send("GET \(path) HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try await client.readResponse()
        try await client.send("GET /clean HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let next = try await client.readResponse()
        #expect(next.statusCode == 200, "the connection stays in sync after \(path)")
        let head = "\(response.statusCode) \(response.reason)\n"
            + response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        return (head, response)
    }

    @Test func crlfInAFieldNameAddsNoHeader() async throws {
        try await withServer(Self.router()) { port in
            let (head, response) = try await Self.exchange("/name", port: port)
            #expect(response.header("set-cookie") == nil, "\(head)")
            #expect(response.header("x-b") == "ok")
            #expect(response.text == "hi")
        }
    }

    @Test func lookAlikeContentLengthNamesAreDropped() async throws {
        try await withServer(Self.router()) { port in
            let (head, response) = try await Self.exchange("/length-name", port: port)
            #expect(response.headers(named: "content-length") == ["2"], "\(head)")
            #expect(!head.contains("Content-Length \t"), "\(head)")
            #expect(response.text == "hi")
        }
    }

    @Test func colonAndEmptyNamesAreDropped() async throws {
        try await withServer(Self.router()) { port in
            let (head, response) = try await Self.exchange("/colon-name", port: port)
            #expect(response.header("set-cookie") == nil, "\(head)")
            #expect(response.header("x-b") == "ok")
            #expect(!response.headers.contains { $0.name.isEmpty }, "\(head)")
        }
    }

    @Test func crlfInTheReasonPhraseAddsNoHeader() async throws {
        try await withServer(Self.router()) { port in
            let (head, response) = try await Self.exchange("/reason", port: port)
            #expect(response.statusCode == 200)
            #expect(response.header("set-cookie") == nil, "\(head)")
            #expect(response.header("x") == nil, "\(head)")
            #expect(response.text == "hi")
        }
    }

    @Test func reasonPhraseBytesAreNeutralisedInTheSerializer() {
        var out: [UInt8] = []
        ResponseHeadSerializer.appendHead(
            to: &out, status: HTTPStatus(code: 200, reasonPhrase: "A\r\nB\u{0}\u{7F}C\tD é"), headers: [:],
            framing: .contentLength(0), keepAlive: true, requestVersion: .http1_1,
            date: Array("Sat, 21 Nov 2026 21:00:00 GMT".utf8), serverName: [])
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 A  B  C\tD é\r\nDate: "), "\(text)")
    }

    @Test func anInterimStatusIsNotSentAsTheFinalResponse() async throws {
        try await withServer(Self.router()) { port in
            let (_, response) = try await Self.exchange("/interim", port: port)
            #expect(response.statusCode == 500)
            let (_, negative) = try await Self.exchange("/negative", port: port)
            #expect(negative.statusCode == 500)
        }
    }

    /// The configured server name goes into every response head; an operator's typo or a
    /// templated value cannot split responses either.
    @Test func serverNameCannotAddFields() async throws {
        var configuration = testConfiguration()
        configuration.serverName = "EntraAuth\r\nSet-Cookie: evil=1"
        try await withServer(Self.router(), configuration: configuration) { port in
            let (head, response) = try await Self.exchange("/clean", port: port)
            #expect(response.header("set-cookie") == nil, "\(head)")
            #expect(response.header("server") == "EntraAuth  Set-Cookie: evil=1")
        }
    }
}
