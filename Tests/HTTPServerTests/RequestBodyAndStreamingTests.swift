import Foundation
import Testing
@testable import HTTPServer
import TestSupport

@Suite struct RequestBodyAndStreamingTests {
    @Test func chunkedRequestBodyIsDecoded() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.text == "hello world")
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "ok")
        }
    }

    @Test func bodyArrivingInPiecesIsAssembled() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n01234")
                        try await client.send("56789")
            #expect(try await client.readResponse().text == "0123456789")
        }
    }

    @Test func expectContinueGets100BeforeTheBody() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await client.readResponse()
            #expect(interim.statusCode == 100)
            try await client.send("data")
            let final = try await client.readResponse()
            #expect(final.statusCode == 200)
            #expect(final.text == "data")
        }
    }

    @Test func unknownExpectationGets417() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nExpect: teapot\r\n\r\n")
            let response = try await client.readResponse()
            expectProblem(response, status: 417)
        }
    }

    static func streamingRouter() -> Router<BasicRequestContext> {
        var router = Router()
        router.get("/stream") { _, _ in
            HTTPResponse(headers: ["Content-Type": "text/plain"], body: .stream { writer in
                for index in 0..<5 {
                    try await writer.write("line \(index)\n")
                    try await Task.sleep(for: .milliseconds(5))
                }
            })
        }
        router.get("/sequence") { _, _ in
            let chunks = AsyncStream<[UInt8]> { continuation in
                for byte in UInt8(ascii: "a")...UInt8(ascii: "e") { continuation.yield([byte]) }
                continuation.finish()
            }
            return HTTPResponse(body: .stream(chunks))
        }
        router.get("/big") { _, _ in
            HTTPResponse(body: .stream { writer in
                let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
                for _ in 0..<64 { try await writer.write(piece) }   // 4 MiB, more than the socket buffers
            })
        }
        return router
    }

    @Test func streamedResponseUsesChunkedEncoding() async throws {
        try await withServer(Self.streamingRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\nGET /sequence HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("transfer-encoding") == "chunked")
            #expect(response.header("content-length") == nil)
            #expect(response.text == (0..<5).map { "line \($0)\n" }.joined())
            let sequence = try await client.readResponse()
            #expect(sequence.text == "abcde")
        }
    }

    @Test func largeStreamWaitsForASlowReader() async throws {
        try await withServer(Self.streamingRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
            try await Task.sleep(for: .milliseconds(200))   // let the server hit backpressure
            let response = try await client.readResponse()
            #expect(response.body.count == 64 * 64 * 1024)
            #expect(response.body.allSatisfy { $0 == UInt8(ascii: "x") })
        }
    }

    @Test func streamToHTTP10ClientIsDelimitedByClose() async throws {
        try await withServer(Self.streamingRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /stream HTTP/1.0\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("transfer-encoding") == nil)
            #expect(response.header("connection") == "close")
            #expect(response.text == (0..<5).map { "line \($0)\n" }.joined())
        }
    }
}
