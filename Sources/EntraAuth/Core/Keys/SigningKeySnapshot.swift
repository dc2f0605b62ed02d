public import Foundation
public import JOSE

/// The keys a validator verifies against, as one immutable value: reading it is a lock-protected
/// copy, and a refresh replaces it whole.
///
/// ```swift
/// guard let snapshot = provider.currentKeys() else { return .serviceUnavailable }   // never loaded
/// let key = try snapshot.keys.key(for: .rs256, keyID: header.keyID)
/// ```
public struct SigningKeySnapshot: Sendable {
    /// The usable keys (and the ones refused at load time, in ``JWKSet/rejectedKeys``).
    public let keys: JWKSet
    /// The discovery document's `issuer`, verbatim (Entra's multi-tenant documents carry the
    /// `{tenantid}` template); the caller's issuer for a JWKS or static source; `nil` when none
    /// was given.
    public let issuer: String?
    /// Starts at 1 with the first keys and increases by one whenever a refresh brings a
    /// different set of usable keys or a different issuer. A validated-token cache can key on it.
    public let version: UInt64
    /// When these keys were last confirmed by a successful fetch (for static keys: when the
    /// provider was created).
    public let fetchedAt: Date

    /// A snapshot (for tests and custom providers).
    public init(keys: JWKSet, issuer: String?, version: UInt64, fetchedAt: Date) {
        self.keys = keys
        self.issuer = issuer
        self.version = version
        self.fetchedAt = fetchedAt
    }

    /// Whether a usable key has exactly this `kid` (code point for code point).
    public func containsKey(withID keyID: String) -> Bool {
        !keys.keys(withID: keyID).isEmpty
    }

    /// The `kid`s of the usable keys, sorted by their UTF-8 bytes (keys without `kid` are left out).
    public var keyIDs: [String] {
        keys.keys.compactMap(\.keyID).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
