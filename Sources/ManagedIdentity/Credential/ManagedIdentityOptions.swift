public import Foundation

/// How a ``ManagedIdentityCredential`` talks to its endpoint.
///
/// ```swift
/// var options = ManagedIdentityOptions()
/// options.requestTimeout = .seconds(5)
/// options.retryPolicy = RetryPolicy.imds.scaled(to: .milliseconds(10))   // tests
/// ```
public struct ManagedIdentityOptions: Sendable {
    /// Time allowed for each request, the whole exchange (default 10 s).
    public var requestTimeout: Duration
    /// The retry policy; `nil` (default) uses ``RetryPolicy/imds`` or ``RetryPolicy/appService``
    /// according to the source.
    public var retryPolicy: RetryPolicy?
    /// The current time, for expiry and refresh decisions (tests inject a controllable clock).
    public var now: @Sendable () -> Date

    /// Options with the defaults listed on each property.
    public init(requestTimeout: Duration = .seconds(10), retryPolicy: RetryPolicy? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
        self.now = now
    }
}
