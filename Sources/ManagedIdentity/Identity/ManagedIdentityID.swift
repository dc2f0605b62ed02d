/// Which managed identity to ask for: the host's system-assigned identity, or one of the
/// user-assigned identities attached to it, named by client ID, object (principal) ID or ARM
/// resource ID.
///
/// Each endpoint names the selector differently on the wire (see ``queryItem(for:)``):
///
/// | selector        | App Service (2019-08-01) | IMDS (2018-02-01) |
/// |-----------------|--------------------------|-------------------|
/// | `.clientID`     | `client_id`              | `client_id`       |
/// | `.objectID`     | `principal_id`           | `object_id`       |
/// | `.resourceID`   | `mi_res_id`              | `msi_res_id`      |
///
/// ```swift
/// let credential = ManagedIdentityCredential(identity: .clientID("33333333-3333-4333-8333-333333333333"))
/// ```
public enum ManagedIdentityID: Sendable, Hashable, CustomStringConvertible {
    /// The host's system-assigned identity (no selector is sent).
    case systemAssigned
    /// A user-assigned identity by its client (application) ID.
    case clientID(String)
    /// A user-assigned identity by its object (principal) ID.
    case objectID(String)
    /// A user-assigned identity by its ARM resource ID
    /// (`/subscriptions/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`).
    case resourceID(String)

    /// Whether this is a user-assigned identity.
    public var isUserAssigned: Bool { self != .systemAssigned }

    /// `system-assigned identity` or `user-assigned identity with client_id …` (IDs are not secret).
    public var description: String {
        switch self {
        case .systemAssigned: "system-assigned identity"
        case .clientID(let id): "user-assigned identity with client ID \(id)"
        case .objectID(let id): "user-assigned identity with object ID \(id)"
        case .resourceID(let id): "user-assigned identity with resource ID \(id)"
        }
    }

    /// The query parameter that selects this identity on `source`'s kind of endpoint, or `nil`
    /// for the system-assigned identity.
    func queryItem(for source: ManagedIdentitySource) -> (name: String, value: String)? {
        let isAppService: Bool
        switch source {
        case .appService: isAppService = true
        case .imds: isAppService = false
        }
        switch self {
        case .systemAssigned: return nil
        case .clientID(let id): return ("client_id", id)
        case .objectID(let id): return (isAppService ? "principal_id" : "object_id", id)
        case .resourceID(let id): return (isAppService ? "mi_res_id" : "msi_res_id", id)
        }
    }
}
