/// An app role an API defines (`appRoles` in the app manifest).
///
/// ```swift
/// AppRole(value: "DoAll", allowedMemberTypes: [.application])
/// ```
public struct AppRole: Sendable, Hashable {
    /// Who may be assigned the role.
    public enum MemberType: String, Sendable, Hashable, CaseIterable {
        /// Users and groups (roles surface in user tokens).
        case user = "User"
        /// Applications and managed identities (roles surface in app-only tokens).
        case application = "Application"
    }

    /// The value that appears in the token's `roles` claim.
    public var value: String
    /// `allowedMemberTypes`: a managed identity can hold the role only with `Application`.
    public var allowedMemberTypes: [MemberType]

    /// A role with its value and allowed member types.
    public init(value: String, allowedMemberTypes: [MemberType]) {
        self.value = value
        self.allowedMemberTypes = allowedMemberTypes
    }
}
