/// Why `Server.run(services:)` stopped the server on account of a service.
///
/// A service that throws has its own error rethrown unchanged; this error is for a service
/// that returned before it was cancelled, which a service must not do.
///
/// ```swift
/// do {
///     try await server.run(services: [refresher])
/// } catch let error as ServiceLifecycleError where error.reason == .serviceReturnedEarly {
///     print("\(error.service) stopped on its own")
/// }
/// ```
public struct ServiceLifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable cause.
    public enum Reason: String, Sendable, CaseIterable {
        /// A service's `run()` returned while the server was still running.
        case serviceReturnedEarly
    }

    /// What went wrong.
    public var reason: Reason
    /// The service's type name.
    public var service: String

    /// An error for `reason` naming `service`.
    public init(_ reason: Reason, service: String) {
        self.reason = reason
        self.service = service
    }

    /// `serviceReturnedEarly: KeyRefresher`.
    public var description: String { "\(reason.rawValue): \(service)" }
}
