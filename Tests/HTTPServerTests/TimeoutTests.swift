import Foundation
import Synchronization
import Testing
@testable import HTTPServer
import TestSupport

/// Timeouts with short configured values. Only the idle-timeout test shortens the idle timeout:
/// on a loaded machine a client can be descheduled between `connect` and its first byte for
/// longer than 200 ms, which an idle timer would rightly treat as idle.
extension TimingSensitiveTests {
@Suite struct TimeoutTests {
    static func shortTimeouts() -> HTTPServerConfiguration {
        var configuration = testConfiguration()
        configuration.headerTimeout = .milliseconds(200)
        configuration.bodyTimeout = .milliseconds(200)
        configuration.idleTimeout = .seconds(10)
        configuration.writeTimeout = .milliseconds(200)
        configuration.lingerTimeout = .milliseconds(200)
        return configuration
    }

    @Test func incompleteHeadersGet408AndClose() async throws {
        try await withServer(basicRouter(), configuration: Self.shortTimeouts()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
            let start = ContinuousClock.now
            let response = try await client.readResponse()
            expectProblem(response, status: 408)
            #expect(response.header("connection") == "close")
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(await client.isClosedByServer())
        }
    }

    @Test func headerTimeoutIsAbsoluteNotPerByte() async throws {
        // Slowloris: a byte every 50 ms keeps an idle timer alive forever, but not an absolute deadline.
        try await withServer(basicRouter(), configuration: Self.shortTimeouts()) { port in
            let client = try RawClient(port: port)
            let start = ContinuousClock.now
            var sent = 0
            for byte in "GET /hello HTTP/1.1\r\nX-Slow: abcdefghijklmnop".utf8 {
                guard (try? await client.send([byte])) != nil else { break }
                sent += 1
                try await Task.sleep(for: .milliseconds(20))
                if ContinuousClock.now - start > .milliseconds(600) { break }
            }
            let response = try await client.readResponse()
            expectProblem(response, status: 408)
            #expect(sent < 40)
        }
    }

    @Test func emptyLinesBeforeTheRequestLineDoNotEscapeTheHeaderTimeout() async throws {
        try await withServer(basicRouter(), configuration: Self.shortTimeouts()) { port in
            let client = try RawClient(port: port)
            let start = ContinuousClock.now
            while ContinuousClock.now - start < .milliseconds(600) {
                guard (try? await client.send("\r\n")) != nil else { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let response = try await client.readResponse()
            expectProblem(response, status: 408)
        }
    }

    @Test func stalledBodyGets408() async throws {
        try await withServer(basicRouter(), configuration: Self.shortTimeouts()) { port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n012")
            let response = try await client.readResponse()
            expectProblem(response, status: 408)
            #expect(await client.isClosedByServer())
        }
    }

    @Test func idleKeepAliveConnectionClosesQuietly() async throws {
        var configuration = Self.shortTimeouts()
        configuration.idleTimeout = .milliseconds(300)
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "ok")
            // No bytes (no 408), just a close after the idle timeout.
            #expect(try await client.readToEnd().isEmpty)
        }
    }

    @Test func slowHandlerIsNotCutByTheTimeouts() async throws {
        var configuration = Self.shortTimeouts()
        configuration.idleTimeout = .milliseconds(200)
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")   // 300 ms handler, 200 ms timeouts
            #expect(try await client.readResponse().text == "slow")
        }
    }

    @Test func clientThatStopsReadingIsDisconnected() async throws {
        final class ErrorBox: Sendable { let error = Mutex<HTTPBodyWriterError?>(nil) }
        let box = ErrorBox()
        var router = Router()
        router.get("/endless") { _, _ in
            HTTPResponse(body: .stream { writer in
                let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
                do throws(HTTPBodyWriterError) {
                    while true { try await writer.write(piece) }
                } catch {
                    box.error.withLock { $0 = error }
                    throw error
                }
            })
        }
        try await withServer(router, configuration: Self.shortTimeouts()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /endless HTTP/1.1\r\nHost: t\r\n\r\n")
            // The client never reads: once the kernel buffers are full, no write progresses for
            // the 200 ms write timeout and the server must give up on the connection.
            let start = ContinuousClock.now
            while box.error.withLock({ $0 == nil }) && ContinuousClock.now - start < .seconds(5) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(box.error.withLock { $0?.reason } == .connectionClosed)
        }
    }
}
}
