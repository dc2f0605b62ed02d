import Testing
@testable import HTTPServer
import TestSupport

/// Security/robustness review of the runtime: the event loop's notion of "now".
///
/// `EventLoop.now` was refreshed after the events of a wake-up were dispatched, so inside
/// `readable()` it still held the time *before* `epoll_wait` blocked. Every timestamp a
/// connection took from it was late by however long the loop had slept: after a quiet spell
/// longer than `headerTimeout`, a request whose head arrived in two reads was answered 408 at once,
/// and body progress restarted the stall timer at the time of the previous packet, so a steady
/// upload with gaps shorter than `bodyTimeout` was still cut (see `RuntimeSlowBodyReviewTests`).
@Suite("Review: event loop clock", .timeLimit(.minutes(1)))
struct RuntimeLoopClockReviewTests {
    @Test func splitHeadAfterAQuietSpellIsNotTimedOut() async throws {
        var configuration = testConfiguration()
        configuration.eventLoopCount = 1
        configuration.headerTimeout = .milliseconds(300)
        configuration.idleTimeout = .seconds(5)
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port, timeout: .seconds(3))
            // Nothing else is happening: the only loop sleeps in epoll_wait.
            try await Task.sleep(for: .milliseconds(700))
            try await client.send("GET /hello HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(50))
            try await client.send("Host: h\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.text == "ok")
        }
    }

    /// The header deadline is still absolute and still enforced after the fix.
    @Test func slowHeadAfterAQuietSpellStillGets408() async throws {
        var configuration = testConfiguration()
        configuration.eventLoopCount = 1
        configuration.headerTimeout = .milliseconds(300)
        configuration.lingerTimeout = .milliseconds(200)
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port, timeout: .seconds(3))
            try await Task.sleep(for: .milliseconds(500))
            try await client.send("GET /hello HTTP/1.1\r\n")
            for _ in 0..<6 {
                guard (try? await client.send("X-A: b\r\n")) != nil else { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let response = try await client.readResponse()
            expectProblem(response, status: 408)
        }
    }
}
