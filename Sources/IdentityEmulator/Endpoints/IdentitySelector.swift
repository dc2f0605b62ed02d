/// How a token request names its identity: not at all (the system-assigned identity), or by
/// client ID, object ID or ARM resource ID, each compared case-insensitively.
enum IdentitySelector: Sendable, Hashable {
    case systemAssigned
    case clientID(String)
    case objectID(String)
    case resourceID(String)

    /// The selected identity, or `nil` when none matches.
    func resolve(in configuration: EmulatorConfiguration) -> EmulatorIdentity? {
        switch self {
        case .systemAssigned: configuration.systemAssignedIdentity
        case .clientID(let id): configuration.identities.first { $0.clientID.lowercased() == id.lowercased() }
        case .objectID(let id): configuration.identities.first { $0.objectID.lowercased() == id.lowercased() }
        case .resourceID(let id): configuration.identities.first { $0.resourceID.lowercased() == id.lowercased() }
        }
    }
}
