import Synchronization

/// Counts open connections across all loops, enforces the maximum, and knows when the server
/// is draining.
final class ConnectionRegistry: Sendable {
    private struct State {
        var open = 0
        var draining = false
    }

    private let state = Mutex(State())
    let maximum: Int

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Reserves a slot for a new connection; false when at the maximum or draining.
    func tryOpen() -> Bool {
        state.withLock { state in
            guard !state.draining, state.open < maximum else { return false }
            state.open += 1
            return true
        }
    }

    func closed() {
        state.withLock { $0.open -= 1 }
    }

    var openCount: Int { state.withLock { $0.open } }

    func beginDraining() {
        state.withLock { $0.draining = true }
    }
}
