/// When and how long to wait before asking a managed-identity endpoint again.
///
/// The defaults copy what azure-identity 1.27 was seen to do (see the protocol reference):
///
/// | | ``imds`` | ``appService`` |
/// |---|---|---|
/// | retried statuses | 404, 410, 429, 500–599 | 408, 429, 500, 502, 503, 504, 506–599 |
/// | retries | 5 | 3 |
/// | sleeps (no `Retry-After`) | 0, 1.6, 3.2, 6.4, 12.8 s | 0, 1.6, 3.2 s |
/// | sleeps after a 410 | 0, 5, 10, 20, 40 s (IMDS may take 70 s to update) | – |
/// | total time allowed | 90 s | 30 s |
///
/// Sleep *n* (1-based) is 0 for the first retry and `factor × 2ⁿ⁻¹` after that, capped at
/// ``maximumDelay``; a `Retry-After: <seconds>` header replaces it. A retry whose sleep would end
/// after ``maximumElapsed`` (counted from the first request) is not attempted: the client
/// gives up at once with the last status. 400 is never retried: it means "identity unavailable".
///
/// ```swift
/// // Tests: same shape, milliseconds.
/// let fast = RetryPolicy.imds.scaled(to: .milliseconds(10))
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first request (so at most `maximumRetries + 1` requests).
    public var maximumRetries: Int
    /// The backoff factor (azure-core's `retry_backoff_factor`).
    public var backoffFactor: Duration
    /// The backoff factor after a 410 (IMDS is updating; `ImdsRetryPolicy` uses 2.5 s).
    public var goneBackoffFactor: Duration
    /// The longest single backoff sleep (a `Retry-After` is honoured up to ``maximumElapsed``).
    public var maximumDelay: Duration
    /// The longest time from the first request to the start of the last retry.
    public var maximumElapsed: Duration
    /// The statuses that are retried.
    public var retriedStatuses: Set<Int>

    /// A policy; see the type's table for the defaults.
    public init(maximumRetries: Int, backoffFactor: Duration, goneBackoffFactor: Duration,
                maximumDelay: Duration, maximumElapsed: Duration, retriedStatuses: Set<Int>) {
        self.maximumRetries = maximumRetries
        self.backoffFactor = backoffFactor
        self.goneBackoffFactor = goneBackoffFactor
        self.maximumDelay = maximumDelay
        self.maximumElapsed = maximumElapsed
        self.retriedStatuses = retriedStatuses
    }

    /// azure-identity's IMDS policy: 5 retries on 404/410/429/5xx, factor 0.8 s (2.5 s after 410).
    public static let imds = RetryPolicy(
        maximumRetries: 5, backoffFactor: .milliseconds(800), goneBackoffFactor: .milliseconds(2500),
        maximumDelay: .seconds(60), maximumElapsed: .seconds(90),
        retriedStatuses: Set([404, 410, 429]).union(500...599))

    /// azure-core's default policy as the App Service path uses it: 3 retries on 408/429/500/502/503/504/506+.
    public static let appService = RetryPolicy(
        maximumRetries: 3, backoffFactor: .milliseconds(800), goneBackoffFactor: .milliseconds(800),
        maximumDelay: .seconds(60), maximumElapsed: .seconds(30),
        retriedStatuses: Set([408, 429, 500, 502, 503, 504]).union(506...599))

    /// No retries at all.
    public static let none = RetryPolicy(
        maximumRetries: 0, backoffFactor: .zero, goneBackoffFactor: .zero,
        maximumDelay: .zero, maximumElapsed: .zero, retriedStatuses: [])

    /// The same policy with every duration multiplied by `unit / 1 s` (for tests: `.milliseconds(10)`
    /// turns 0.8 s into 8 ms and 90 s into 900 ms). `Retry-After` values are not scaled.
    public func scaled(to unit: Duration) -> RetryPolicy {
        let ratio = Double(unit.components.seconds) + Double(unit.components.attoseconds) / 1e18
        var copy = self
        copy.backoffFactor = backoffFactor * ratio
        copy.goneBackoffFactor = goneBackoffFactor * ratio
        copy.maximumDelay = maximumDelay * ratio
        copy.maximumElapsed = maximumElapsed * ratio
        return copy
    }

    /// Whether `status` is retried.
    public func retries(status: Int) -> Bool { retriedStatuses.contains(status) }

    /// The backoff sleep before retry number `retry` (1-based) after `status`, without `Retry-After`.
    public func delay(beforeRetry retry: Int, after status: Int) -> Duration {
        guard retry > 1 else { return .zero }
        let factor = status == 410 ? goneBackoffFactor : backoffFactor
        let delay = factor * (1 << min(retry - 1, 30))
        return min(delay, maximumDelay)
    }
}
