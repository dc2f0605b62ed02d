import EntraAuthCore
import Foundation
import JOSE
import Synchronization

/// A key source for tests: a fixed snapshot that tests can replace, counting refresh requests.
final class StaticKeys: SigningKeyResolving {
    private struct State {
        var current: SigningKeySnapshot?
        var afterRefresh: SigningKeySnapshot?
        var refreshCount = 0
    }
    private let state: Mutex<State>

    init(_ keys: JWKSet?, issuer: String? = nil, version: UInt64 = 1) {
        state = Mutex(State(current: keys.map { SigningKeySnapshot(keys: $0, issuer: issuer, version: version, fetchedAt: Date()) }))
    }

    /// What an unknown-kid refresh will find.
    func publishOnRefresh(_ keys: JWKSet, issuer: String? = nil, version: UInt64) {
        state.withLock { $0.afterRefresh = SigningKeySnapshot(keys: keys, issuer: issuer, version: version, fetchedAt: Date()) }
    }

    /// Replaces the current keys at once (a background refresh happened).
    func replace(_ keys: JWKSet, issuer: String? = nil, version: UInt64) {
        state.withLock { $0.current = SigningKeySnapshot(keys: keys, issuer: issuer, version: version, fetchedAt: Date()) }
    }

    var refreshCount: Int { state.withLock { $0.refreshCount } }

    func currentKeys() -> SigningKeySnapshot? { state.withLock { $0.current } }

    func refreshForUnknownKey(_ keyID: String?) async -> SigningKeySnapshot? {
        state.withLock { state in
            state.refreshCount += 1
            if let next = state.afterRefresh {
                state.current = next
                state.afterRefresh = nil
            }
            return state.current
        }
    }
}
