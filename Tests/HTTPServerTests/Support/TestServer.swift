import Foundation
import Synchronization
import Testing
@testable import HTTPServer
import TestSupport

/// A `LogHandler` that keeps records in memory for assertions.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    // @unchecked: `records` is only accessed under `lock`.
    private let lock = NSLock()
    private var stored: [LogRecord] = []

    func log(_ record: LogRecord) {
        lock.lock()
        stored.append(record)
        lock.unlock()
    }

    var records: [LogRecord] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// The configuration tests start from: port 0 on loopback, no signals, no logs, 2 loops.
func testConfiguration(host: String = "127.0.0.1") -> HTTPServerConfiguration {
    var configuration = HTTPServerConfiguration(address: .hostPort(host, 0))
    configuration.handlesSignals = false
    configuration.accessLog = false
    configuration.logger = .disabled
    configuration.eventLoopCount = 2
    configuration.shutdownGracePeriod = .seconds(5)
    return configuration
}

/// Runs a server with `router` on a free port, calls `body` with the port, then shuts the server
/// down and waits for `run()` to return.
func withServer<Context: RequestContext>(
    _ router: Router<Context>, configuration: HTTPServerConfiguration = testConfiguration(),
    _ body: (Int) async throws -> Void
) async throws {
    let server = Server(configuration: configuration, router: router)
    let running = Task { try await server.run() }
    let address = try await server.boundAddress
    do {
        try await body(address.port)
    } catch {
        server.shutdown()
        _ = await running.result
        throw error
    }
    server.shutdown()
    try await running.value
}

/// A router with the routes most socket tests use.
func basicRouter() -> Router<BasicRequestContext> {
    var router = Router(context: BasicRequestContext.self)
    router.get("/hello") { _, _ in .text("ok") }
    router.post("/echo") { request, _ in HTTPResponse(status: .ok, body: request.body) }
    router.get("/slow") { _, _ in
        try await Task.sleep(for: .milliseconds(300))
        return .text("slow")
    }
    return router
}

/// Checks an error response: status, problem+json body with the RFC 9457 members, and
/// `Connection: close`.
func expectProblem(_ response: RawResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.statusCode == status, sourceLocation: sourceLocation)
    #expect(response.header("content-type") == "application/problem+json", sourceLocation: sourceLocation)
    let json = response.json
    #expect(json?["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect(json?["type"] is String, sourceLocation: sourceLocation)
    #expect(json?["title"] is String, sourceLocation: sourceLocation)
    #expect(json?["detail"] is String, sourceLocation: sourceLocation)
}

/// Sleeps the calling (test client) thread.
func pause(milliseconds: Int) {
    usleep(UInt32(milliseconds) * 1000)
}

/// A thread-safe counter for client threads.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
