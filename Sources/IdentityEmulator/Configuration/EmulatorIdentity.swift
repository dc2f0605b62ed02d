/// A managed identity the emulator can issue tokens for.
///
/// ```swift
/// EmulatorIdentity(name: "msi-func", kind: .systemAssigned,
///                  clientID: "5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e", objectID: "9c7e5a3f-1d2b-4a6c-8e0f-3b5d7f9a1c2e",
///                  resourceID: "/subscriptions/…/providers/Microsoft.Web/sites/msi-func")
/// ```
public struct EmulatorIdentity: Sendable, Hashable {
    /// Whether the platform manages the identity's lifetime with its host (system-assigned) or
    /// it is a standalone resource (user-assigned).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The host's own identity, used when a request names no identity. At most one.
        case systemAssigned = "SystemAssigned"
        /// A standalone identity, selected by client ID, object ID or resource ID.
        case userAssigned = "UserAssigned"
    }

    /// A name for people and for `issueToken(identity:resource:)` (`msi-func`).
    public var name: String
    /// System- or user-assigned.
    public var kind: Kind
    /// The service principal's application (client) ID: the token's `appid`.
    public var clientID: String
    /// The service principal's object ID: the token's `oid` and `sub`.
    public var objectID: String
    /// The ARM resource ID: the token's `xms_mirid` (the host for a system-assigned identity,
    /// `…/Microsoft.ManagedIdentity/userAssignedIdentities/<name>` for a user-assigned one).
    public var resourceID: String

    /// An identity with every field given.
    public init(name: String, kind: Kind, clientID: String, objectID: String, resourceID: String) {
        self.name = name
        self.kind = kind
        self.clientID = clientID
        self.objectID = objectID
        self.resourceID = resourceID
    }
}
