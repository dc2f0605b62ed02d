import Synchronization
import Testing
@testable import HTTPServer
import TestSupport

/// Review of streamed responses on keep-alive connections: a body writer belongs to one response.
///
/// The writer wrote into "whatever the connection is handling now". A producer that handed its
/// writer to a task it did not wait for returned, the response ended, and the next request on the
/// same connection started; the late write then landed in the middle of the next exchange —
/// bytes before the next response's status line, i.e. a response stream an attacker-influenced
/// handler can desynchronise. Writers now carry their response's number and get
/// `.responseFinished` once it is over. Concurrent writers waiting for the output to drain are
/// all resumed (a single waiter slot left all but one hung).
@Suite("Review: body writers outliving their response", .timeLimit(.minutes(1)))
struct RuntimeEscapedWriterReviewTests {
    @Test func lateWriteDoesNotLeakIntoTheNextResponse() async throws {
        let lateOutcome = LateOutcome()
        var router = Router(context: BasicRequestContext.self)
        router.get("/leaky") { _, _ in
            HTTPResponse(status: .ok, body: .stream { (writer: HTTPBodyWriter) async throws -> Void in
                try await writer.write("first")
                Task {
                    try? await Task.sleep(for: .milliseconds(100))
                    do {
                        try await writer.write("LEAK")
                        lateOutcome.set("written")
                    } catch let error as HTTPBodyWriterError {
                        lateOutcome.set(error.reason.rawValue)
                    } catch {
                        lateOutcome.set("\(error)")
                    }
                }
            })
        }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .milliseconds(400))
            return .text("slow")
        }
        try await withServer(router) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /leaky HTTP/1.1\r\nHost: h\r\n\r\n")
            let first = try await client.readResponse()
            #expect(first.text == "first")
            try await client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
            let second = try await client.readResponse()
            #expect(second.statusCode == 200)
            #expect(second.text == "slow")
            #expect(lateOutcome.value == "responseFinished")
        }
    }

    @Test func concurrentWritersBlockedOnASlowReaderAllFinish() async throws {
        var router = Router(context: BasicRequestContext.self)
        router.get("/fan-out") { _, _ in
            HTTPResponse(status: .ok, body: .stream { (writer: HTTPBodyWriter) async throws -> Void in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<4 {
                        group.addTask {
                            let chunk = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: 64 * 1024)
                            for _ in 0..<64 { try await writer.write(chunk) }
                        }
                    }
                    try await group.waitForAll()
                }
            })
        }
        try await withServer(router) { port in
            let client = try RawClient(port: port, timeout: .seconds(10))
            try await client.send("GET /fan-out HTTP/1.1\r\nHost: h\r\n\r\n")
            try await Task.sleep(for: .milliseconds(200))   // let all four writers block on the drain
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.body.count == 4 * 64 * 64 * 1024)
        }
    }

    final class LateOutcome: Sendable {
        private let stored = Mutex<String?>(nil)
        func set(_ value: String) { stored.withLock { $0 = value } }
        var value: String? { stored.withLock { $0 } }
    }
}
