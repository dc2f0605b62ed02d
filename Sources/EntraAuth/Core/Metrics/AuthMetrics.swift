import Synchronization

/// Counters for what the validator and middleware decided: accepted tokens, refusals by reason,
/// cache hits and misses. Lock-free; read them any time, render them with ``prometheusText(extra:)``.
///
/// ```swift
/// let metrics = AuthMetrics()
/// let validator = EntraTokenValidator(policy: policy, keys: keys, metrics: metrics)
/// print(metrics.refusedCount(.expired), metrics.cacheHits)
/// ```
public final class AuthMetrics: Sendable {
    private let accepted = Atomic<Int>(0)
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)
    private let refused: [Counter]

    /// One atomic counter in a box, so a fixed array of them can be shared.
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Fresh counters at zero.
    public init() {
        refused = EntraAuthError.Reason.allCases.map { _ in Counter() }
    }

    private static let reasonIndex: [EntraAuthError.Reason: Int] = Dictionary(
        uniqueKeysWithValues: EntraAuthError.Reason.allCases.enumerated().map { ($1, $0) })

    func recordAccepted() { accepted.wrappingAdd(1, ordering: .relaxed) }
    func recordCacheHit() { hits.wrappingAdd(1, ordering: .relaxed) }
    func recordCacheMiss() { misses.wrappingAdd(1, ordering: .relaxed) }

    /// Counts a refusal (the middleware also records request-level refusals here).
    public func recordRefused(_ reason: EntraAuthError.Reason) {
        if let index = Self.reasonIndex[reason] { refused[index].value.wrappingAdd(1, ordering: .relaxed) }
    }

    /// Tokens accepted.
    public var acceptedCount: Int { accepted.load(ordering: .relaxed) }
    /// Validations answered from the cache.
    public var cacheHits: Int { hits.load(ordering: .relaxed) }
    /// Validations that missed the cache (the cache being on).
    public var cacheMisses: Int { misses.load(ordering: .relaxed) }
    /// Refusals for `reason`.
    public func refusedCount(_ reason: EntraAuthError.Reason) -> Int {
        Self.reasonIndex[reason].map { refused[$0].value.load(ordering: .relaxed) } ?? 0
    }

    /// The Prometheus text exposition format (version 0.0.4) of these counters, followed by
    /// `extra` lines (for example the key provider's gauges).
    ///
    /// ```text
    /// # TYPE entraauth_tokens_accepted_total counter
    /// entraauth_tokens_accepted_total 1532
    /// entraauth_tokens_refused_total{reason="expired"} 3
    /// ```
    public func prometheusText(extra: [String] = []) -> String {
        var lines = [
            "# HELP entraauth_tokens_accepted_total Tokens that passed validation.",
            "# TYPE entraauth_tokens_accepted_total counter",
            "entraauth_tokens_accepted_total \(acceptedCount)",
            "# HELP entraauth_tokens_refused_total Requests refused, by reason.",
            "# TYPE entraauth_tokens_refused_total counter",
        ]
        for reason in EntraAuthError.Reason.allCases {
            lines.append("entraauth_tokens_refused_total{reason=\"\(reason.rawValue)\"} \(refusedCount(reason))")
        }
        lines += [
            "# HELP entraauth_token_cache_hits_total Validations answered from the validated-token cache.",
            "# TYPE entraauth_token_cache_hits_total counter",
            "entraauth_token_cache_hits_total \(cacheHits)",
            "# HELP entraauth_token_cache_misses_total Validations that missed the cache.",
            "# TYPE entraauth_token_cache_misses_total counter",
            "entraauth_token_cache_misses_total \(cacheMisses)",
        ]
        return (lines + extra).joined(separator: "\n") + "\n"
    }
}
