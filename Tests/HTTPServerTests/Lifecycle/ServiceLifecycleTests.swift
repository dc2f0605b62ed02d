import Foundation
import Synchronization
import Testing
@testable import HTTPServer
import TestSupport

/// A service that records that it started and how it ended.
final class RecordingService: Service {
    enum End: Equatable { case running, cancelled, failed }
    private let state = Mutex((started: false, end: End.running))
    let failAfter: Duration?
    let returnsEarly: Bool

    init(failAfter: Duration? = nil, returnsEarly: Bool = false) {
        self.failAfter = failAfter
        self.returnsEarly = returnsEarly
    }

    struct Failure: Error, Equatable { var code = 42 }

    var started: Bool { state.withLock { $0.started } }
    var end: End { state.withLock { $0.end } }

    func run() async throws {
        state.withLock { $0.started = true }
        if returnsEarly { return }
        if let failAfter {
            try await Task.sleep(for: failAfter)
            state.withLock { $0.end = .failed }
            throw Failure()
        }
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            state.withLock { $0.end = .cancelled }
            throw error
        }
    }
}

@Suite("Server lifecycle and services", .timeLimit(.minutes(1)))
struct ServiceLifecycleTests {
    @Test func cancellingTheRunningTaskStopsTheServerGracefully() async throws {
        var router = Router()
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .milliseconds(300))
            return .text("slow")
        }
        let server = Server(configuration: testConfiguration(), router: router)
        let running = Task { try await server.run() }
        let port = try await server.boundAddress.port
        let client = try RawClient(port: port)
        try await client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        try await Task.sleep(for: .milliseconds(50))
        running.cancel()
        // The in-flight request is still answered (graceful), then run() returns normally.
        let response = try await client.readResponse()
        #expect(response.text == "slow")
        try await running.value
        #expect(server.localAddress == nil)
        #expect(throws: RawClientError.self) { try RawClient(port: port) }
    }

    @Test func servicesAreCancelledAndAwaitedWhenTheServerStops() async throws {
        let service = RecordingService()
        let server = Server(configuration: testConfiguration(), router: basicRouter())
        let running = Task { try await server.run(services: [service]) }
        _ = try await server.boundAddress
        for _ in 0..<200 where !service.started { try await Task.sleep(for: .milliseconds(5)) }
        #expect(service.started)
        #expect(service.end == .running)
        server.shutdown()
        try await running.value
        #expect(service.end == .cancelled, "run(services:) returns only after the service ended")
    }

    @Test func cancellingRunServicesStopsServerThenServices() async throws {
        let service = RecordingService()
        let server = Server(configuration: testConfiguration(), router: basicRouter())
        let running = Task { try await server.run(services: [service]) }
        _ = try await server.boundAddress
        running.cancel()
        try await running.value
        #expect(server.localAddress == nil)
        #expect(service.end == .cancelled)
    }

    @Test func failingServiceStopsTheServerAndItsErrorSurfaces() async throws {
        let failing = RecordingService(failAfter: .milliseconds(100))
        let bystander = RecordingService()
        let server = Server(configuration: testConfiguration(), router: basicRouter())
        let running = Task { try await server.run(services: [failing, bystander]) }
        let port = try await server.boundAddress.port
        await #expect(throws: RecordingService.Failure()) { try await running.value }
        #expect(failing.end == .failed)
        #expect(bystander.end == .cancelled)
        #expect(server.localAddress == nil)
        #expect(throws: RawClientError.self) { try RawClient(port: port) }
    }

    @Test func serviceReturningEarlyIsAnError() async throws {
        let server = Server(configuration: testConfiguration(), router: basicRouter())
        let running = Task { try await server.run(services: [RecordingService(returnsEarly: true)]) }
        await #expect { try await running.value } throws: {
            ($0 as? ServiceLifecycleError) == ServiceLifecycleError(.serviceReturnedEarly, service: "RecordingService")
        }
        #expect(server.localAddress == nil)
    }

    @Test func routerConfigurationErrorIsThrownBeforeBinding() async throws {
        var router = Router()
        router.get("/files/**/edit") { _, _ in .text("never") }
        let service = RecordingService()
        let server = Server(configuration: testConfiguration(), router: router)
        await #expect { try await server.run(services: [service]) } throws: {
            ($0 as? RouteConfigurationError)?.reason == .invalidPattern
        }
        await #expect { _ = try await server.boundAddress } throws: { $0 is RouteConfigurationError }
        #expect(service.end == .cancelled)
    }
}
