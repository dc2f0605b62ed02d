public import Foundation

/// What a ``SigningKeyProvider`` has done so far, for health endpoints, metrics and logs.
///
/// ```swift
/// let status = provider.status
/// metrics.gauge("jwks_keys", status.keyCount)
/// if status.isStale { logger.warning("signing keys last refreshed \(status.lastSuccess?.description ?? "never")") }
/// ```
public struct KeyProviderStatus: Sendable {
    /// Whether keys have ever loaded (``SigningKeyProvider/currentKeys()`` is not `nil`).
    public var isLoaded: Bool
    /// The number of usable keys being served.
    public var keyCount: Int
    /// The number of keys the served set refused at load time.
    public var rejectedKeyCount: Int
    /// The served snapshot's ``SigningKeySnapshot/version``, `nil` before the first load.
    public var version: UInt64?
    /// When the last fetch succeeded (static keys: when the provider was created).
    public var lastSuccess: Date?
    /// How long ago the last fetch succeeded (by the monotonic clock), `nil` before the first.
    public var keyAge: Duration?
    /// The last failed fetch, if any (it stays after later successes; compare the dates).
    public var lastFailure: KeyProviderError?
    /// When the last fetch failed.
    public var lastFailureAt: Date?
    /// Failed fetches since the last success.
    public var consecutiveFailures: Int
    /// Successful fetches.
    public var refreshCount: Int
    /// Failed fetches (cancelled ones are not counted).
    public var refreshFailureCount: Int
    /// Fetches started by ``SigningKeyProvider/refreshForUnknownKey(_:)``.
    public var unknownKeyRefreshCount: Int
    /// Whether the served keys are older than ``KeyRefreshPolicy/staleAfter`` (never for static keys).
    public var isStale: Bool
}
