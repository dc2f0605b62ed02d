import Synchronization
import Foundation
import JOSE

extension SigningKeyProvider {
    /// Fetches now, ignoring the unknown-`kid` cooldown, and returns the new snapshot; joins a
    /// fetch already in progress instead of starting a second one. The last good keys stay
    /// served when it fails. For start-up prefetch and command-line tools; servers use ``run()``.
    ///
    /// ```swift
    /// let snapshot = try await provider.refresh()
    /// print("\(snapshot.keyIDs.count) keys, issuer \(snapshot.issuer ?? "-")")
    /// ```
    ///
    /// - Throws: ``KeyProviderError`` saying why the fetch failed.
    @discardableResult
    public func refresh() async throws(KeyProviderError) -> SigningKeySnapshot {
        guard isRemote else {
            guard let snapshot = currentKeys() else { preconditionFailure("static keys are loaded at init") }
            return snapshot
        }
        let task = state.withLock { state in state.inFlight?.task ?? startFetch(&state, forUnknownKey: false) }
        return try await task.value.get()
    }

    /// Starts a fetch and records it as the one in flight. Call with the lock held.
    func startFetch(_ state: inout State, forUnknownKey: Bool) -> Task<Outcome, Never> {
        let id = state.makeID()
        let task = Task { await self.performFetch(id: id, forUnknownKey: forUnknownKey) }
        state.inFlight = InFlight(id: id, task: task, forUnknownKey: forUnknownKey)
        return task
    }

    /// Downloads the keys and, under the lock, installs them (or records the failure) and
    /// clears the in-flight marker, so a caller arriving afterwards sees the outcome.
    private func performFetch(id: UInt64, forUnknownKey: Bool) async -> Outcome {
        let downloaded: Result<KeySetDownloader.Result, KeyProviderError>
        do {
            downloaded = .success(try await downloader.download(source.kind))
        } catch {
            downloaded = .failure(error)
        }
        let cancelled = Task.isCancelled
        let now = Date()
        let instant = ContinuousClock.now
        var events: [KeyProviderEvent] = []
        let (outcome, waiters) = state.withLock { state -> (Outcome, [CheckedContinuation<Bool, Never>]) in
            if state.inFlight?.id == id { state.inFlight = nil }
            switch downloaded {
            case .success(let fetched):
                let previous = state.snapshot
                let changed = previous.map { !Self.sameContent($0, fetched) } ?? true
                let version = changed ? (previous?.version ?? 0) + 1 : previous?.version ?? 1
                let snapshot = SigningKeySnapshot(keys: fetched.keys, issuer: fetched.issuer, version: version, fetchedAt: now)
                let before = Set((previous?.keyIDs ?? []).map { Array($0.utf8) })
                let after = Set(snapshot.keyIDs.map { Array($0.utf8) })
                state.snapshot = snapshot
                state.lastSuccess = now
                state.lastSuccessInstant = instant
                state.consecutiveFailures = 0
                state.refreshCount += 1
                state.staleReported = false
                events.append(.refreshed(KeySetChange(
                    version: version, changed: changed, keyCount: fetched.keys.keys.count,
                    rejectedKeyCount: fetched.keys.rejectedKeys.count,
                    addedKeyIDs: Self.sortedStrings(after.subtracting(before)),
                    removedKeyIDs: Self.sortedStrings(before.subtracting(after)),
                    forUnknownKey: forUnknownKey)))
                let waiters = Array(state.waiters.values)
                state.waiters = [:]
                return (.success(snapshot), waiters)
            case .failure(var error):
                if cancelled || error.reason == .cancelled {
                    error.reason = .cancelled
                    return (.failure(error), [])
                }
                state.lastFailure = error
                state.lastFailureAt = now
                state.consecutiveFailures += 1
                state.refreshFailureCount += 1
                events.append(.refreshFailed(error))
                if let last = state.lastSuccessInstant, instant - last > policy.staleAfter, !state.staleReported {
                    state.staleReported = true
                    events.append(.stale(age: instant - last))
                }
                return (.failure(error), [])
            }
        }
        for waiter in waiters { waiter.resume(returning: true) }
        if let onEvent { for event in events { onEvent(event) } }
        return outcome
    }

    /// `kid`s compared as bytes (never Swift's canonical-equivalence `==`), back as sorted strings.
    private static func sortedStrings(_ keyIDs: Set<[UInt8]>) -> [String] {
        keyIDs.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a fetch brought the same usable keys, refused keys and issuer as `snapshot`
    /// (order does not matter: a provider may shuffle its keys).
    private static func sameContent(_ snapshot: SigningKeySnapshot, _ fetched: KeySetDownloader.Result) -> Bool {
        let issuersEqual: Bool
        switch (snapshot.issuer, fetched.issuer) {
        case (nil, nil): issuersEqual = true
        case (let old?, let new?): issuersEqual = old.utf8.elementsEqual(new.utf8)
        default: issuersEqual = false
        }
        // `kid`s as bytes first: JWK's `==` compares them as Swift strings (canonical equivalence).
        let oldIDs = snapshot.keys.keys.map { $0.keyID.map { Array($0.utf8) } ?? [] }.sorted { $0.lexicographicallyPrecedes($1) }
        let newIDs = fetched.keys.keys.map { $0.keyID.map { Array($0.utf8) } ?? [] }.sorted { $0.lexicographicallyPrecedes($1) }
        return issuersEqual
            && oldIDs == newIDs
            && Set(snapshot.keys.keys) == Set(fetched.keys.keys)
            && snapshot.keys.rejectedKeys.count == fetched.keys.rejectedKeys.count
            && Set(snapshot.keys.rejectedKeys) == Set(fetched.keys.rejectedKeys)
    }
}
