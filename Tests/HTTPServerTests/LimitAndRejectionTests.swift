import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Every limit and rejection of issue 2, sent over a real socket: the status, an RFC 9457
/// problem+json body, `Connection: close`, and the connection closed.
@Suite struct LimitAndRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var request: String
        var status: Int
        var testDescription: String { name }
    }

    static let smallLimits = HTTPParserLimits(
        maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 10, maxBodyBytes: 64)

    static let cases: [Case] = [
        Case(name: "request line over the limit → 414",
             request: "GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\nHost: t\r\n\r\n", status: 414),
        Case(name: "header bytes over the limit → 431",
             request: "GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "b", count: 600))\r\n\r\n", status: 431),
        Case(name: "too many header fields → 431",
             request: "GET / HTTP/1.1\r\nHost: t\r\n" + (0..<11).map { "X-\($0): v\r\n" }.joined() + "\r\n", status: 431),
        Case(name: "declared body over the limit → 413",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 65\r\n\r\n", status: 413),
        Case(name: "chunked body over the limit → 413",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n\(String(repeating: "c", count: 64))\r\n1\r\nc\r\n0\r\n\r\n",
             status: 413),
        Case(name: "Content-Length with Transfer-Encoding → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        Case(name: "duplicate Content-Length → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na", status: 400),
        Case(name: "Content-Length list → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1, 1\r\n\r\na", status: 400),
        Case(name: "malformed Content-Length → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: +5\r\n\r\nhello", status: 400),
        Case(name: "unknown sole transfer coding → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", status: 400),
        Case(name: "unknown transfer coding before chunked → 501",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Case(name: "chunked not last → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", status: 400),
        Case(name: "obs-fold → 400",
             request: "GET / HTTP/1.1\r\nHost: t\r\nX-A: one\r\n two\r\n\r\n", status: 400),
        Case(name: "whitespace before colon → 400",
             request: "GET / HTTP/1.1\r\nHost: t\r\nX-A : v\r\n\r\n", status: 400),
        Case(name: "NUL in a field value → 400",
             request: "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\u{0}b\r\n\r\n", status: 400),
        Case(name: "bare CR in a field value → 400",
             request: "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n", status: 400),
        Case(name: "LF inside a field value → 400",
             request: "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\nb\r\n\r\n", status: 400),
        Case(name: "bare LF line ending → 400",
             request: "GET / HTTP/1.1\nHost: t\n\n", status: 400),
        Case(name: "invalid chunk size → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", status: 400),
        Case(name: "overflowing chunk size → 400",
             request: "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF1\r\nx\r\n0\r\n\r\n", status: 400),
        Case(name: "HTTP/1.1 without Host → 400",
             request: "GET / HTTP/1.1\r\nX-A: b\r\n\r\n", status: 400),
        Case(name: "two Host fields → 400",
             request: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        Case(name: "invalid method token → 400",
             request: "G(T / HTTP/1.1\r\nHost: t\r\n\r\n", status: 400),
        Case(name: "unsupported version → 505",
             request: "GET / HTTP/2.0\r\nHost: t\r\n\r\n", status: 505),
        Case(name: "percent-encoded NUL in the path → 400",
             request: "GET /a%00b HTTP/1.1\r\nHost: t\r\n\r\n", status: 400),
    ]

    @Test(arguments: cases)
    func rejectedWithProblemAndClose(_ testCase: Case) async throws {
        var configuration = testConfiguration()
        configuration.limits = Self.smallLimits
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port)
            try await client.send(testCase.request)
            let response = try await client.readResponse()
            expectProblem(response, status: testCase.status)
            #expect(response.header("connection") == "close", "\(testCase.name)")
            #expect(await client.isClosedByServer(), "\(testCase.name): connection should be closed")
        }
    }

    @Test func defaultLimitsMatchTheIssue() {
        let limits = HTTPServerConfiguration().limits
        #expect(limits.maxRequestLineBytes == 8 * 1024)
        #expect(limits.maxHeaderBytes == 16 * 1024)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodyBytes == 1 << 20)
        let configuration = HTTPServerConfiguration()
        #expect(configuration.headerTimeout == .seconds(10))
    }

    @Test func defaultBodyLimitRejectsOneMebibytePlusOne() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \((1 << 20) + 1)\r\n\r\n")
            let response = try await client.readResponse()
            expectProblem(response, status: 413)
            #expect(await client.isClosedByServer())
        }
    }

    @Test func oversizedBodyStillBeingSentGetsItsResponse() async throws {
        // The client keeps sending after the 413; lingering close must let it read the answer.
        var configuration = testConfiguration()
        configuration.limits = Self.smallLimits
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(repeating: "10\r\n0123456789abcdef\r\n", count: 200))
            let response = try await client.readResponse()
            expectProblem(response, status: 413)
        }
    }

    @Test func garbageNeverCrashesOrHangs() async throws {
        var configuration = testConfiguration()
        configuration.headerTimeout = .milliseconds(300)
        try await withServer(basicRouter(), configuration: configuration) { port in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<20 {
                let client = try RawClient(port: port)
                let garbage = (0..<Int.random(in: 1...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try? await client.send(garbage + Array("\r\n\r\n".utf8))
                // Either an error response or a close, within the timeout — never a hang.
                if let response = try? await client.readResponse() {
                    #expect(response.statusCode >= 400)
                }
            }
            let healthy = try RawClient(port: port)
            try await healthy.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await healthy.readResponse().text == "ok")
        }
    }
}
