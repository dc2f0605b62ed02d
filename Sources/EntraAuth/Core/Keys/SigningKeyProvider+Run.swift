import Synchronization

extension SigningKeyProvider {
    /// Keeps the keys fresh until the calling task is cancelled: fetches at once, then every
    /// ``KeyRefreshPolicy/refreshInterval`` ± ``KeyRefreshPolicy/jitter``; after a failure it
    /// retries after ``KeyRefreshPolicy/initialRetryDelay``, doubling up to
    /// ``KeyRefreshPolicy/maximumRetryDelay``, until a fetch succeeds. Failures never replace
    /// the last good keys. Run it once per provider, as a service beside the server.
    ///
    /// Cancellation stops it promptly: a sleep ends at once and a fetch in progress is
    /// cancelled. It then returns normally. For static keys it only waits for cancellation.
    ///
    /// ```swift
    /// try await withThrowingDiscardingTaskGroup { group in
    ///     group.addTask { try await provider.run() }
    ///     group.addTask { try await server.run() }
    /// }
    /// ```
    public func run() async throws {
        guard isRemote else {
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            return
        }
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        while !Task.isCancelled {
            let task = state.withLock { state in state.inFlight?.task ?? startFetch(&state, forUnknownKey: false) }
            let outcome = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
            if Task.isCancelled { return }
            let delay: Duration
            switch outcome {
            case .success:
                failures = 0
                delay = policy.scheduledDelay(using: &generator)
            case .failure:
                failures += 1
                delay = policy.retryDelay(afterFailures: failures)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
        }
    }

    /// Waits until keys have loaded (or `timeout` passes, or the task is cancelled): for a
    /// readiness check at start-up. Returns at once when keys are already loaded.
    ///
    /// ```swift
    /// if await !provider.waitUntilLoaded(timeout: .seconds(15)) {
    ///     logger.warning("signing keys not loaded yet; protected routes answer 503 until they are")
    /// }
    /// ```
    ///
    /// - Returns: whether keys are loaded.
    public func waitUntilLoaded(timeout: Duration) async -> Bool {
        let id: UInt64? = state.withLock { state in state.snapshot == nil ? state.makeID() : nil }
        guard let id else { return true }
        let loaded = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in self.addWaiter(id, continuation) }
                } onCancel: {
                    self.settleWaiter(id, false)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.settleWaiter(id, false)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        state.withLock { state in
            state.settledWaiters[id] = nil
            state.waiters[id] = nil
        }
        return loaded || currentKeys() != nil
    }

    /// Registers a waiter, or resumes it at once when keys are loaded or it was already settled.
    private func addWaiter(_ id: UInt64, _ continuation: CheckedContinuation<Bool, Never>) {
        let immediate: Bool? = state.withLock { state in
            if state.snapshot != nil { return true }
            if let settled = state.settledWaiters.removeValue(forKey: id) { return settled }
            state.waiters[id] = continuation
            return nil
        }
        if let immediate { continuation.resume(returning: immediate) }
    }

    /// Resumes a waiter with `value`, or remembers `value` if it has not registered yet.
    private func settleWaiter(_ id: UInt64, _ value: Bool) {
        let continuation: CheckedContinuation<Bool, Never>? = state.withLock { state in
            if let continuation = state.waiters.removeValue(forKey: id) { return continuation }
            state.settledWaiters[id] = value
            return nil
        }
        continuation?.resume(returning: value)
    }
}
