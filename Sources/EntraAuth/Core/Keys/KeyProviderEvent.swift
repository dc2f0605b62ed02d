/// Something a ``SigningKeyProvider`` did, delivered to its `onEvent` callback so the
/// middleware can write a log line and count it.
///
/// ```swift
/// let provider = SigningKeyProvider(source: source) { event in
///     switch event {
///     case .refreshed(let change): logger.info("signing keys v\(change.version): +\(change.addedKeyIDs) -\(change.removedKeyIDs)")
///     case .refreshFailed(let error): logger.warning("signing keys not refreshed: \(error)")
///     case .stale(let age): logger.error("signing keys are \(age) old")
///     }
/// }
/// ```
public enum KeyProviderEvent: Sendable {
    /// A fetch succeeded (whether or not the keys changed).
    case refreshed(KeySetChange)
    /// A fetch failed; the previous keys, if any, are still served.
    case refreshFailed(KeyProviderError)
    /// A fetch failed and the served keys are now older than ``KeyRefreshPolicy/staleAfter``.
    /// Reported once per stale period (again only after a success).
    case stale(age: Duration)
}

/// What a successful fetch changed.
public struct KeySetChange: Sendable, Hashable {
    /// The snapshot version now served.
    public var version: UInt64
    /// Whether this fetch replaced the served keys or issuer (the version increased).
    public var changed: Bool
    /// The number of usable keys now served.
    public var keyCount: Int
    /// The number of keys in the fetched set that were refused.
    public var rejectedKeyCount: Int
    /// `kid`s served now and not before, sorted.
    public var addedKeyIDs: [String]
    /// `kid`s served before and not now, sorted.
    public var removedKeyIDs: [String]
    /// Whether the fetch was for an unknown `kid` (otherwise the first or a scheduled one).
    public var forUnknownKey: Bool
}
