/// Everything the emulator knows about its tenant: identities, app registrations, role
/// assignments, groups and the token lifetime.
///
/// Build it in code, start from ``default`` (the seed scenario), or read a JSON file with
/// ``init(parsing:)``:
///
/// ```json
/// {
///   "tenantId": "b7e1f0a4-6c2d-4f8e-9a3b-5d1c2e4f6a70",
///   "tokenLifetimeSeconds": 86700,
///   "applications": [
///     { "displayName": "aad-func", "clientId": "3f2a8c1e-9b4d-4e6f-8a2c-7d5e1b9f0c34",
///       "appIdUris": ["api://aad-func"],
///       "appRoles": [ { "value": "DoAll", "allowedMemberTypes": ["Application"] } ] }
///   ],
///   "identities": [
///     { "name": "msi-func", "type": "SystemAssigned", "clientId": "…", "objectId": "…",
///       "resourceId": "/subscriptions/…/providers/Microsoft.Web/sites/msi-func" }
///   ],
///   "appRoleAssignments": [ { "identity": "msi-func", "application": "aad-func", "role": "DoAll" } ],
///   "groups": [ { "objectId": "…", "displayName": "readers", "members": ["reader-func"] } ]
/// }
/// ```
///
/// ```swift
/// let configuration = try EmulatorConfiguration(parsing: Array(fileContents))
/// // or
/// var configuration = EmulatorConfiguration.default
/// configuration.tokenLifetimeSeconds = 3600
/// try configuration.validate()
/// ```
///
/// Unknown members, wrong types, duplicate names or IDs, references to undefined identities,
/// apps or roles, and roles whose `allowedMemberTypes` lacks `Application` are refused with an
/// ``EmulatorConfigurationError`` carrying the line and column.
public struct EmulatorConfiguration: Sendable, Hashable {
    /// The directory (tenant) ID: the `tid` claim and the path of the discovery documents.
    public var tenantID: String
    /// `exp − iat` of issued tokens. Default 86 700 s (24 h + 5 min, as observed on Entra).
    public var tokenLifetimeSeconds: Int
    /// The managed identities; at most one system-assigned.
    public var identities: [EmulatorIdentity]
    /// The APIs tokens may be requested for.
    public var applications: [AppRegistration]
    /// Roles granted to identities.
    public var appRoleAssignments: [AppRoleAssignment]
    /// Groups of identities.
    public var groups: [EmulatorGroup]

    /// The observed lifetime of Entra managed-identity tokens: 24 h + 5 min.
    public static let defaultTokenLifetimeSeconds = 86_700

    /// A configuration with every field given (call ``validate()`` before use, or let the
    /// emulator do it).
    public init(
        tenantID: String, tokenLifetimeSeconds: Int = EmulatorConfiguration.defaultTokenLifetimeSeconds,
        identities: [EmulatorIdentity], applications: [AppRegistration],
        appRoleAssignments: [AppRoleAssignment] = [], groups: [EmulatorGroup] = []
    ) {
        self.tenantID = tenantID
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.identities = identities
        self.applications = applications
        self.appRoleAssignments = appRoleAssignments
        self.groups = groups
    }

    /// The identity selected when a request names none: the system-assigned one, if any.
    public var systemAssignedIdentity: EmulatorIdentity? {
        identities.first { $0.kind == .systemAssigned }
    }

    /// The identity called `name`.
    public func identity(named name: String) -> EmulatorIdentity? {
        identities.first { $0.name == name }
    }

    /// The app a token `resource` names (App ID URI or client ID), if any.
    public func application(forResource resource: String) -> AppRegistration? {
        applications.first { $0.isNamed(by: resource) }
    }

    /// The role values `identity` holds on `application`, in assignment order, without repeats.
    public func roles(of identity: EmulatorIdentity, on application: AppRegistration) -> [String] {
        var roles: [String] = []
        for assignment in appRoleAssignments
        where assignment.identity == identity.name && assignment.application == application.displayName
            && !roles.contains(assignment.role)
        {
            roles.append(assignment.role)
        }
        return roles
    }

    /// Object IDs of the groups `identity` belongs to.
    public func groupIDs(of identity: EmulatorIdentity) -> [String] {
        groups.filter { $0.members.contains(identity.name) }.map(\.objectID)
    }
}
