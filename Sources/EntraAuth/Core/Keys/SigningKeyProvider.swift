import Foundation
import JOSE
public import OutboundHTTP
import Synchronization

/// Holds the signing keys a validator checks tokens against and keeps them fresh: it fetches
/// them at start (OpenID Connect discovery → `jwks_uri` → JWK Set), refreshes them in the
/// background every 12 h ± 1 h, refreshes on an unknown `kid` at most once per cooldown, and
/// keeps serving the last good keys when the identity provider is down or answers garbage.
///
/// The hot path, ``currentKeys()``, is a lock-protected read of an immutable
/// ``SigningKeySnapshot``: no actor hop, no network wait. Fetches run in ``run()`` (a service
/// that lives beside the server) and, for unknown keys, in ``refreshForUnknownKey(_:)``;
/// concurrent fetches are merged into one (single flight).
///
/// ```swift
/// let provider = SigningKeyProvider(
///     source: try .openIDConnect(authority: "https://login.microsoftonline.com/\(tenantID)/v2.0"),
///     onEvent: { event in logger.info("\(event)") })
/// let refresher = Task { try await provider.run() }          // until cancelled
/// guard await provider.waitUntilLoaded(timeout: .seconds(10)) else { logger.warning("no keys yet: answering 503") }
///
/// // per request:
/// guard var snapshot = provider.currentKeys() else { return .serviceUnavailable }
/// if !snapshot.containsKey(withID: kid), let refreshed = await provider.refreshForUnknownKey(kid) {
///     snapshot = refreshed                                     // retry verification with these
/// }
/// ```
public final class SigningKeyProvider: Sendable {
    /// Where the keys come from.
    public let source: SigningKeySource
    /// When and how keys are fetched.
    public let policy: KeyRefreshPolicy

    let downloader: KeySetDownloader
    let onEvent: (@Sendable (KeyProviderEvent) -> Void)?
    let state: Mutex<State>

    /// The outcome of one fetch.
    typealias Outcome = Result<SigningKeySnapshot, KeyProviderError>

    /// A fetch in progress, shared by every caller that arrives while it runs.
    struct InFlight: Sendable {
        var id: UInt64
        var task: Task<Outcome, Never>
        var forUnknownKey: Bool
    }

    /// Everything mutable, behind one lock.
    struct State: Sendable {
        var snapshot: SigningKeySnapshot?
        var lastSuccess: Date?
        var lastSuccessInstant: ContinuousClock.Instant?
        var lastFailure: KeyProviderError?
        var lastFailureAt: Date?
        var consecutiveFailures = 0
        var refreshCount = 0
        var refreshFailureCount = 0
        var unknownKeyRefreshCount = 0
        var lastUnknownKeyRefresh: ContinuousClock.Instant?
        var staleReported = false
        var inFlight: InFlight?
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
        var settledWaiters: [UInt64: Bool] = [:]

        mutating func makeID() -> UInt64 {
            nextID &+= 1
            return nextID
        }
    }

    /// A provider for `source`. Nothing is fetched until ``run()``, ``refresh()`` or
    /// ``refreshForUnknownKey(_:)`` is called; static keys are loaded at once.
    ///
    /// - Parameters:
    ///   - fetcher: performs the requests (tests inject fakes).
    ///   - policy: intervals, cooldown, timeouts and size caps.
    ///   - onEvent: called after each fetch and when keys turn stale, on the fetching task,
    ///     outside any lock; keep it short (a log line, a counter).
    public init(source: SigningKeySource, fetcher: any HTTPFetcher = URLSessionFetcher(), policy: KeyRefreshPolicy = .init(),
                onEvent: (@Sendable (KeyProviderEvent) -> Void)? = nil) {
        self.source = source
        self.policy = policy
        self.downloader = KeySetDownloader(fetcher: fetcher, policy: policy)
        self.onEvent = onEvent
        var initial = State()
        if case .staticKeys(let keys, let issuer) = source.kind {
            let now = Date()
            initial.snapshot = SigningKeySnapshot(keys: keys, issuer: issuer, version: 1, fetchedAt: now)
            initial.lastSuccess = now
            initial.lastSuccessInstant = .now
        }
        self.state = Mutex(initial)
    }

    /// Whether the source is fetched over the network (not static keys).
    var isRemote: Bool {
        if case .staticKeys = source.kind { return false }
        return true
    }

    /// The keys to verify against now, or `nil` until keys have ever loaded (answer 503 then).
    /// A lock-protected read; never waits for the network.
    public func currentKeys() -> SigningKeySnapshot? {
        state.withLock { $0.snapshot }
    }

    /// Counters and times for health checks, metrics and logs.
    public var status: KeyProviderStatus {
        let now = ContinuousClock.now
        return state.withLock { state in
            let age = state.lastSuccessInstant.map { now - $0 }
            return KeyProviderStatus(
                isLoaded: state.snapshot != nil,
                keyCount: state.snapshot?.keys.keys.count ?? 0,
                rejectedKeyCount: state.snapshot?.keys.rejectedKeys.count ?? 0,
                version: state.snapshot?.version,
                lastSuccess: state.lastSuccess,
                keyAge: age,
                lastFailure: state.lastFailure,
                lastFailureAt: state.lastFailureAt,
                consecutiveFailures: state.consecutiveFailures,
                refreshCount: state.refreshCount,
                refreshFailureCount: state.refreshFailureCount,
                unknownKeyRefreshCount: state.unknownKeyRefreshCount,
                isStale: isRemote && (age.map { $0 > policy.staleAfter } ?? false))
        }
    }
}

extension SigningKeyProvider: SigningKeyResolving {}
