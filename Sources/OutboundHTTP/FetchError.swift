/// Why an outbound request failed before a complete response arrived.
///
/// ```swift
/// do { _ = try await fetcher.fetch(request) } catch {
///     if error.reason == .timedOut { retryLater() }
/// }
/// ```
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for a program to switch on.
    public enum Reason: String, Sendable, CaseIterable {
        /// The URL is not `https` (nor `http` to a loopback host), or has no host.
        case insecureURL
        /// The exchange did not finish within the request's timeout.
        case timedOut
        /// The server could not be reached (DNS, connection refused, TLS failure, reset).
        case unreachable
        /// The response body is larger than the request allows.
        case responseTooLarge
        /// The task running the request was cancelled.
        case cancelled
        /// Any other transport failure.
        case transport
    }

    /// What went wrong.
    public var reason: Reason
    /// A short explanation for people (URL host and numbers, never bodies or tokens).
    public var message: String

    /// An error with a reason and an explanation.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
