public import Foundation
public import JOSE

// TEMPORARY: the keys helper defines the real snapshot in Keys/; removed at merge.
public struct SigningKeySnapshot: Sendable {
    public let keys: JWKSet
    public let issuer: String?
    public let version: UInt64
    public let fetchedAt: Date
    public init(keys: JWKSet, issuer: String?, version: UInt64, fetchedAt: Date) {
        self.keys = keys
        self.issuer = issuer
        self.version = version
        self.fetchedAt = fetchedAt
    }
}
