/// An app role granted to a managed identity: the role `role` of the app `application` for the
/// identity `identity` (all by name). Tokens for that app then carry `"roles":[role, …]`.
///
/// ```swift
/// AppRoleAssignment(identity: "msi-func", application: "aad-func", role: "DoAll")
/// ```
public struct AppRoleAssignment: Sendable, Hashable {
    /// The identity's ``EmulatorIdentity/name``.
    public var identity: String
    /// The app's ``AppRegistration/displayName``.
    public var application: String
    /// The role's ``AppRole/value``.
    public var role: String

    /// An assignment by names.
    public init(identity: String, application: String, role: String) {
        self.identity = identity
        self.application = application
        self.role = role
    }
}
