import Synchronization

extension Server: Service {}

extension Server {
    /// Runs `services` beside the server: they start before the server binds, and when the
    /// server stops (SIGTERM, SIGINT, `shutdown()`, or cancellation of the task running this)
    /// they are cancelled and awaited before this returns. If a service throws, or returns while
    /// it was not cancelled, the error is logged, the server shuts down gracefully (in-flight
    /// requests are answered) and this rethrows the service's error (`ServiceLifecycleError`
    /// with `.serviceReturnedEarly` for a service that returned). Errors services throw after
    /// they were cancelled are logged, not thrown. Start-up errors of the server itself (bind,
    /// router configuration) are thrown after the services were stopped.
    ///
    /// Services run in their own tasks, so they are not cancelled by the cancellation of the
    /// caller's task until the server has drained: background work (such as refreshing signing
    /// keys) keeps serving the requests still in flight.
    ///
    /// ```swift
    /// let server = Server(configuration: .init(address: .port(8080)), router: router)
    /// try await server.run(services: [keyRefresher, metricsExporter])
    /// ```
    public func run(services: [any Service]) async throws {
        let monitor = ServiceMonitor()
        let logger = configuration.logger
        let tasks = services.map { service in
            Task {
                let name = String(describing: type(of: service))
                var failure: (any Error)?
                do {
                    try await service.run()
                } catch {
                    failure = error
                }
                guard monitor.recordEnd(failure ?? ServiceLifecycleError(.serviceReturnedEarly, service: name)) else {
                    if let failure, !(failure is CancellationError) {
                        logger.warning("service failed while stopping", ["service": name, "error": "\(failure)"])
                    }
                    return
                }
                logger.error("service stopped unexpectedly; shutting down", [
                    "service": name, "error": failure.map { "\($0)" } ?? "returned early",
                ])
                self.shutdown()
            }
        }
        var serverError: (any Error)?
        do {
            try await run()
        } catch {
            serverError = error
        }
        monitor.beginStopping()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        if let failure = monitor.failure { throw failure }
        if let serverError { throw serverError }
    }
}

/// Records the first unexpected end of a service, until the server starts stopping services.
private final class ServiceMonitor: Sendable {
    private struct State {
        var stopping = false
        var failure: (any Error)?
    }

    private let state = Mutex(State())

    /// Records `error` as the services' failure if it is the first one and services are not
    /// being stopped; returns whether it was recorded (the server must then shut down).
    func recordEnd(_ error: any Error) -> Bool {
        state.withLock { state in
            guard !state.stopping else { return false }
            if state.failure == nil { state.failure = error }
            return true
        }
    }

    /// From now on, services ending are expected.
    func beginStopping() {
        state.withLock { $0.stopping = true }
    }

    /// The first unexpected end, if any.
    var failure: (any Error)? { state.withLock { $0.failure } }
}
