/// When and how a ``SigningKeyProvider`` fetches keys, and the limits on each fetch.
///
/// The defaults follow Microsoft's guidance for Entra ID signing-key rollover: refresh every
/// 12 h ± 1 h, at most one unknown-`kid` refresh per 5 minutes, keys older than 24 h are stale.
///
/// ```swift
/// var policy = KeyRefreshPolicy()
/// policy.unknownKeyCooldown = .seconds(30)       // a test tenant that rotates often
/// policy.maximumRetryDelay = .seconds(10)
/// let provider = SigningKeyProvider(source: source, policy: policy)
/// ```
public struct KeyRefreshPolicy: Sendable {
    /// The time between scheduled refreshes after a success (default 12 h).
    public var refreshInterval: Duration
    /// Each scheduled delay is `refreshInterval` plus a uniformly random offset within
    /// `-jitter ... +jitter` (default 1 h), so a fleet does not refresh in step.
    public var jitter: Duration
    /// The first retry delay after a failed fetch (default 1 s); it doubles on each further
    /// failure up to ``maximumRetryDelay``.
    public var initialRetryDelay: Duration
    /// The longest retry delay (default 30 s).
    public var maximumRetryDelay: Duration
    /// The least time between two unknown-`kid` refreshes (default 5 min). Counted from the last
    /// unknown-`kid` refresh only: scheduled fetches do not start it.
    public var unknownKeyCooldown: Duration
    /// Keys whose last successful fetch is older than this are reported stale (default 24 h).
    /// They keep being served: stale keys beat no keys.
    public var staleAfter: Duration
    /// The time limit of each request (default 10 s).
    public var fetchTimeout: Duration
    /// The largest discovery document accepted, in bytes (default 256 KiB).
    public var maximumDiscoveryByteCount: Int
    /// The largest JWK Set accepted, in bytes (default 1 MiB).
    public var maximumJWKSByteCount: Int
    /// The smallest RSA modulus accepted in a fetched set (default 2048 bits); smaller keys are
    /// set aside (see ``JWKSet``).
    public var minimumRSAModulusBitCount: Int

    /// A policy with Microsoft's defaults unless told otherwise.
    public init(
        refreshInterval: Duration = .seconds(12 * 3600), jitter: Duration = .seconds(3600),
        initialRetryDelay: Duration = .seconds(1), maximumRetryDelay: Duration = .seconds(30),
        unknownKeyCooldown: Duration = .seconds(300), staleAfter: Duration = .seconds(24 * 3600),
        fetchTimeout: Duration = .seconds(10), maximumDiscoveryByteCount: Int = 256 << 10,
        maximumJWKSByteCount: Int = 1 << 20, minimumRSAModulusBitCount: Int = 2048
    ) {
        self.refreshInterval = refreshInterval
        self.jitter = jitter
        self.initialRetryDelay = initialRetryDelay
        self.maximumRetryDelay = maximumRetryDelay
        self.unknownKeyCooldown = unknownKeyCooldown
        self.staleAfter = staleAfter
        self.fetchTimeout = fetchTimeout
        self.maximumDiscoveryByteCount = maximumDiscoveryByteCount
        self.maximumJWKSByteCount = maximumJWKSByteCount
        self.minimumRSAModulusBitCount = minimumRSAModulusBitCount
    }

    /// The delay before the next scheduled refresh: `refreshInterval ± jitter`, never below 1 s
    /// (or `refreshInterval` when that is smaller, as in tests).
    func scheduledDelay(using generator: inout some RandomNumberGenerator) -> Duration {
        let jitterNanoseconds = max(0, Self.nanoseconds(jitter))
        let offset = jitterNanoseconds == 0 ? 0 : Int64.random(in: -jitterNanoseconds...jitterNanoseconds, using: &generator)
        let base = Self.nanoseconds(refreshInterval)
        let floor = min(base, 1_000_000_000)
        return .nanoseconds(max(floor, base &+ offset))
    }

    /// The delay after `failures` consecutive failures (1, 2, …): `initialRetryDelay · 2^(failures − 1)`,
    /// at most `maximumRetryDelay`.
    func retryDelay(afterFailures failures: Int) -> Duration {
        let cap = Self.nanoseconds(maximumRetryDelay)
        var delay = max(0, Self.nanoseconds(initialRetryDelay))
        for _ in 1..<max(1, failures) {
            delay = delay > cap / 2 ? cap : delay * 2
            if delay >= cap { break }
        }
        return .nanoseconds(min(delay, cap))
    }

    /// A duration in whole nanoseconds, saturating.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return whole.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
