/// How large the validated-token cache may grow.
///
/// Managed-identity callers reuse one token for up to 24 h, so nearly every request of a busy
/// API is a cache hit: the signature and claims are checked once per token, not per request.
///
/// ```swift
/// let limits = TokenCacheLimits(maximumEntryCount: 50_000, maximumByteCount: 128 << 20)
/// let off = TokenCacheLimits.disabled
/// ```
public struct TokenCacheLimits: Sendable, Hashable {
    /// The most tokens kept (default 10,000); 0 turns the cache off.
    public var maximumEntryCount: Int
    /// The most memory the entries may account for, in bytes (default 64 MiB): each entry counts
    /// twice its token's length (token plus claims) plus a fixed overhead.
    public var maximumByteCount: Int

    /// Limits for the cache.
    public init(maximumEntryCount: Int = 10_000, maximumByteCount: Int = 64 << 20) {
        self.maximumEntryCount = max(0, maximumEntryCount)
        self.maximumByteCount = max(0, maximumByteCount)
    }

    /// No cache: every request is validated in full.
    public static let disabled = TokenCacheLimits(maximumEntryCount: 0, maximumByteCount: 0)

    /// Whether caching is on.
    public var isEnabled: Bool { maximumEntryCount > 0 && maximumByteCount > 0 }
}
