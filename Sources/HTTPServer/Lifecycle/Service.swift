/// Long-running background work that lives and stops with a server: a key refresher, a cache
/// sweeper, a metrics exporter.
///
/// `run()` runs until the task running it is cancelled, then returns (or throws
/// `CancellationError`). Returning or throwing earlier means the service failed: the server it
/// runs beside shuts down gracefully and reports the error (see `Server.run(services:)`).
/// `Server` is itself a service.
///
/// ```swift
/// struct Heartbeat: Service {
///     let logger: Logger
///     func run() async throws {
///         while !Task.isCancelled {
///             logger.info("alive")
///             try await Task.sleep(for: .seconds(60))   // throws CancellationError when cancelled
///         }
///     }
/// }
/// try await server.run(services: [Heartbeat(logger: logger)])
/// ```
public protocol Service: Sendable {
    /// Does the service's work until the current task is cancelled.
    func run() async throws
}
