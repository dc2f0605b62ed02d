import Foundation
import Synchronization
import Testing
#if os(Linux)
import Glibc
#endif
@testable import HTTPServer
import TestSupport

/// Security review of the runtime, attacks.md B9 (pipelining: "cap queued requests").
///
/// While a handler ran, the connection stopped reading once `maxBufferedInput` bytes had arrived
/// *during that handler*, but the counter restarted at zero with every request. Pipelined input
/// left in the parser from earlier handlers was not counted, so a client that pipelined tiny
/// requests as fast as it could (and read the responses) made the server read — and buffer —
/// another `maxBufferedInput` (plus up to 256 KiB per readiness event) for every request handled:
/// unbounded memory, and quadratic copying as the parser compacted an ever larger buffer. The
/// pause now looks at the bytes the parser actually holds.
@Suite("Review: pipelining flood with a reading client", .timeLimit(.minutes(1)))
struct RuntimePipeliningFloodReviewTests {
    @Test func serverStopsReadingWhenPipelinedInputPilesUp() async throws {
        var router = Router(context: BasicRequestContext.self)
        router.get("/tick") { _, _ in
            try await Task.sleep(for: .milliseconds(1))
            return .text("ok")
        }
        var configuration = testConfiguration()
        configuration.limits = HTTPParserLimits(maxRequestLineBytes: 1024, maxHeaderBytes: 4096, maxBodyBytes: 1024)
        try await withServer(router, configuration: configuration) { port in
            let client = try RawClient(port: port, timeout: .milliseconds(200))
            var small: Int32 = 64 * 1024
            setsockopt(client.fd, SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
            let deadline = MonotonicClock.now() &+ 2_000_000_000
            let block = Array(String(repeating: "GET /tick HTTP/1.1\r\nHost: h\r\n\r\n", count: 2048).utf8)
            async let sent = Self.onThread { Self.flood(fd: client.fd, block: block, limit: 64 << 20, until: deadline) }
            async let received = Self.onThread { Self.drain(fd: client.fd, until: deadline) }
            let (sentBytes, receivedBytes) = await (sent, received)
            print("pipelining flood: client sent \(sentBytes) bytes, read \(receivedBytes) response bytes in 2 s")
            #expect(receivedBytes > 0, "the server answered while flooded")
            // Kernel buffers (64 KiB send buffer, the server's untuned receive buffer) plus the
            // server's cap (about 70 KiB here, plus one 256 KiB read burst) stay far below this;
            // before the fix the server accepted tens of megabytes.
            #expect(sentBytes < 8 << 20, "the server kept reading pipelined input: \(sentBytes) bytes")
        }
    }

    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    /// Sends `block` repeatedly until `limit` bytes, the deadline, or an error.
    static func flood(fd: Int32, block: [UInt8], limit: Int, until deadline: UInt64) -> Int {
        var total = 0
        var offset = 0
        while total < limit && MonotonicClock.now() < deadline {
            let written = block.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, block.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                total += written
                offset = (offset + written) % block.count
            } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                continue
            } else {
                break
            }
        }
        return total
    }

    /// Reads and discards until the deadline or the end of the stream.
    static func drain(fd: Int32, until deadline: UInt64) -> Int {
        var total = 0
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while MonotonicClock.now() < deadline {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                total += count
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                continue
            } else {
                break
            }
        }
        return total
    }
}
