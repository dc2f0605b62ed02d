import Synchronization

extension SigningKeyProvider {
    /// Refreshes the keys because a token names a `kid` the current keys lack (a key rolled
    /// over, or an app's own signing keys), and returns the snapshot to retry verification with.
    ///
    /// - When `keyID` is already served (another caller's refresh brought it), returns the
    ///   current snapshot without fetching.
    /// - Concurrent callers share one fetch (single flight) and all get its result.
    /// - At most one unknown-`kid` fetch per ``KeyRefreshPolicy/unknownKeyCooldown``, counted
    ///   from the last unknown-`kid` fetch (scheduled fetches do not start it, so a key rotated
    ///   in right after start-up is picked up at once). Within the cooldown it returns the
    ///   current snapshot, so a flood of made-up `kid`s costs one fetch per cooldown.
    /// - When the fetch fails, the last good keys are returned (still `nil` if none ever loaded).
    ///
    /// ```swift
    /// do { return try verify(token, with: snapshot) } catch where error.reason == .keyNotFound {
    ///     guard let refreshed = await provider.refreshForUnknownKey(kid),
    ///           refreshed.version != snapshot.version else { throw error }
    ///     return try verify(token, with: refreshed)
    /// }
    /// ```
    public func refreshForUnknownKey(_ keyID: String?) async -> SigningKeySnapshot? {
        guard isRemote else { return currentKeys() }
        // A second round only after joining a scheduled fetch that did not bring the key.
        for round in 0..<2 {
            let decision: UnknownKeyDecision = state.withLock { state in
                if let keyID, let snapshot = state.snapshot, snapshot.containsKey(withID: keyID) {
                    return .serve(snapshot)
                }
                if let inFlight = state.inFlight {
                    return .wait(inFlight.task, ownFetch: inFlight.forUnknownKey)
                }
                if let last = state.lastUnknownKeyRefresh, ContinuousClock.now - last < policy.unknownKeyCooldown {
                    return .serve(state.snapshot)
                }
                state.lastUnknownKeyRefresh = .now
                state.unknownKeyRefreshCount += 1
                return .wait(startFetch(&state, forUnknownKey: true), ownFetch: true)
            }
            switch decision {
            case .serve(let snapshot):
                return snapshot
            case .wait(let task, let ownFetch):
                _ = await task.value
                if ownFetch || round == 1 { return currentKeys() }
            }
        }
        return currentKeys()
    }
}

/// What an unknown-`kid` caller does, decided under the lock.
enum UnknownKeyDecision: Sendable {
    /// Answer with this snapshot without fetching.
    case serve(SigningKeySnapshot?)
    /// Wait for this fetch; `ownFetch` when it is an unknown-`kid` fetch (no second round).
    case wait(Task<SigningKeyProvider.Outcome, Never>, ownFetch: Bool)
}
