/// Where the validator gets signing keys: ``SigningKeyProvider`` (discovery, background refresh,
/// unknown-`kid` refresh) or a fixed set in tests.
///
/// ```swift
/// let validator = EntraTokenValidator(policy: policy, keys: provider)
/// ```
public protocol SigningKeyResolving: Sendable {
    /// The keys to verify with now, or `nil` when none have ever loaded (answer 503).
    /// Called on every request: a lock-protected read, never a network wait.
    func currentKeys() -> SigningKeySnapshot?
    /// A token named a key the current set lacks: refresh (at most once per cooldown, one fetch
    /// shared by all callers) and return the keys to retry with.
    func refreshForUnknownKey(_ keyID: String?) async -> SigningKeySnapshot?
}
