import Testing
@testable import HTTPServer
import TestSupport

/// Thread-safety review of the runtime: an `HTTPBodyWriter` used from a task that does not prefer
/// the connection's event loop.
///
/// `writeBodyChunk` "hopped" to the loop by resuming a continuation from the loop thread, but a
/// task resumes on its own executor: a writer used from `Task.detached` (or a plain `Task {}`)
/// went on appending to the connection's output buffer, flushing the socket and touching the
/// timer heap from a pool thread while the loop thread did the same — a data race on
/// `@unchecked Sendable` state. Writes from such tasks now run with the loop as the preferred
/// executor (and debug builds assert they are on the loop thread).
@Suite("Review: body writer used off the loop", .timeLimit(.minutes(1)))
struct RuntimeDetachedWriterReviewTests {
    @Test func writesFromADetachedTaskArriveIntactAndInOrder() async throws {
        var router = Router(context: BasicRequestContext.self)
        router.get("/detached") { _, _ in
            HTTPResponse(status: .ok, body: .stream { writer in
                try await Task.detached {
                    for index in 0..<2000 {
                        try await writer.write("line \(index) " + String(repeating: "x", count: 200) + "\n")
                    }
                }.value
            })
        }
        try await withServer(router) { port in
            let client = try RawClient(port: port, timeout: .seconds(10))
            for _ in 0..<3 {
                try await client.send("GET /detached HTTP/1.1\r\nHost: h\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.statusCode == 200)
                let lines = response.text.split(separator: "\n")
                #expect(lines.count == 2000)
                let inOrder = lines.enumerated().allSatisfy { $0.element.hasPrefix("line \($0.offset) ") }
                #expect(inOrder)
            }
        }
    }
}
