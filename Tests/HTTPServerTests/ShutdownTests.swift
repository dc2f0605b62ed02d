import Foundation
import Testing
@testable import HTTPServer
import TestSupport

extension TimingSensitiveTests {
@Suite(.serialized) struct ShutdownTests {
    /// A router whose `/slow` takes long enough (1 s) to be surely in flight when shutdown starts.
    static func slowRouter() -> Router<BasicRequestContext> {
        var router = Router()
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(1))
            return .text("slow")
        }
        return router
    }

    /// Sends `count` slow requests on separate connections and returns the clients once the
    /// requests are surely in flight.
    static func startSlowRequests(port: Int, count: Int) async throws -> [RawClient] {
        var clients: [RawClient] = []
        for _ in 0..<count {
            let client = try RawClient(port: port)
            try await client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            clients.append(client)
        }
        try await Task.sleep(for: .milliseconds(100))
        return clients
    }

    static func expectAllAnswered(_ clients: [RawClient]) async throws {
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for client in clients {
                group.addTask {
                    let response = try await client.readResponse()
                    return response.text == "slow" && response.header("connection") == "close"
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(answered == clients.count)
    }

    @Test func sigtermDrainsInFlightRequestsThenRunReturns() async throws {
        var configuration = testConfiguration()
        configuration.handlesSignals = true
        let server = Server(configuration: configuration, router: Self.slowRouter())
        let running = Task { try await server.run() }
        let port = try await server.boundAddress.port
        let idle = try RawClient(port: port)
        let clients = try await Self.startSlowRequests(port: port, count: 10)
        kill(getpid(), SIGTERM)
        try await Self.expectAllAnswered(clients)
        #expect(await idle.isClosedByServer(), "idle connections are closed on shutdown")
        try await running.value
        #expect(throws: RawClientError.self) { try RawClient(port: port) }
    }

    @Test func programmaticShutdownDrainsInFlightRequests() async throws {
        let server = Server(configuration: testConfiguration(), router: Self.slowRouter())
        let running = Task { try await server.run() }
        let port = try await server.boundAddress.port
        let clients = try await Self.startSlowRequests(port: port, count: 5)
        server.shutdown()
        try await Self.expectAllAnswered(clients)
        try await running.value
    }

    @Test func gracePeriodBoundsShutdown() async throws {
        var router = Router()
        router.get("/forever") { _, _ in
            try await Task.sleep(for: .seconds(30))
            return .text("late")
        }
        var configuration = testConfiguration()
        configuration.shutdownGracePeriod = .milliseconds(200)
        let server = Server(configuration: configuration, router: router)
        let running = Task { try await server.run() }
        let port = try await server.boundAddress.port
        let client = try RawClient(port: port)
        try await client.send("GET /forever HTTP/1.1\r\nHost: t\r\n\r\n")
        try await Task.sleep(for: .milliseconds(50))
        let start = ContinuousClock.now
        server.shutdown()
        try await running.value
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(await client.isClosedByServer())
    }
}
}
