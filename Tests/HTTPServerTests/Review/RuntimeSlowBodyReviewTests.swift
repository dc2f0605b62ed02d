import Testing
#if os(Linux)
import Glibc
#endif
@testable import HTTPServer
import TestSupport

/// Security review of the runtime, attacks.md B8 (slow body, R.U.D.Y.: "a minimum body data rate").
///
/// The body timeout was a stall timer reset by *any* progress, so a client sending one byte just
/// inside every `bodyTimeout` kept a connection (and its slot under `maxConnections`) for
/// `maxBodyBytes × bodyTimeout` — about 120 days with the defaults. The timer is now reset only
/// after at least `minimumBodyProgress` bytes (1 KiB) have arrived since the last reset, which
/// turns it into a minimum data rate of 1 KiB per `bodyTimeout`.
@Suite("Review: slow request body", .timeLimit(.minutes(1)))
struct RuntimeSlowBodyReviewTests {
    static func configuration() -> HTTPServerConfiguration {
        var configuration = testConfiguration()
        configuration.headerTimeout = .seconds(2)
        configuration.bodyTimeout = .milliseconds(400)
        configuration.lingerTimeout = .milliseconds(300)
        return configuration
    }

    @Test func tricklingBodyGets408() async throws {
        try await withServer(basicRouter(), configuration: Self.configuration()) { port in
            let client = try RawClient(port: port, timeout: .seconds(5))
            try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n")
            let started = MonotonicClock.now()
            // One byte every 100 ms for 3 s: never a 400 ms stall, but far below 1 KiB per 400 ms.
            let fd = client.fd
            async let trickled = RuntimePipeliningFloodReviewTests.onThread { () -> Int in
                var sent = 0
                for _ in 0..<30 {
                    var byte = UInt8(ascii: "x")
                    guard send(fd, &byte, 1, Int32(MSG_NOSIGNAL)) == 1 else { break }
                    sent += 1
                    usleep(100_000)
                }
                return sent
            }
            let response = try await client.readResponse()
            let elapsed = Duration.nanoseconds(Int64(MonotonicClock.now() &- started))
            expectProblem(response, status: 408)
            #expect(elapsed < .seconds(2), "408 only after \(elapsed): the trickle kept the body alive")
            print("slow body: 408 after \(elapsed), \(await trickled) bytes trickled")
        }
    }

    /// A body that arrives in steady 2 KiB pieces is not cut, however long it takes overall.
    /// (Before the event-loop clock fix, progress was stamped with the previous wake-up's time,
    /// so gaps longer than half of `bodyTimeout` were cut.)
    @Test func steadyBodyIsNotCut() async throws {
        var configuration = Self.configuration()
        configuration.bodyTimeout = .seconds(1)
        configuration.limits.maxBodyBytes = 64 * 1024
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port, timeout: .seconds(3))
            let piece = String(repeating: "y", count: 2048)
            try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: \(piece.utf8.count * 4)\r\n\r\n")
            for _ in 0..<4 {
                try await Task.sleep(for: .milliseconds(600))
                try await client.send(piece)
            }
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.body.count == piece.utf8.count * 4)
        }
    }
}
