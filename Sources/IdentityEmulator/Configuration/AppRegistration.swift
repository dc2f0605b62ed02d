/// An API's app registration: what a token may be requested for, and the roles it defines.
///
/// ```swift
/// AppRegistration(displayName: "aad-func", clientID: "3f2a8c1e-9b4d-4e6f-8a2c-7d5e1b9f0c34",
///                 appIDURIs: ["api://aad-func"],
///                 appRoles: [AppRole(value: "DoAll", allowedMemberTypes: [.application])])
/// ```
public struct AppRegistration: Sendable, Hashable {
    /// The display name, also used to refer to the app in role assignments.
    public var displayName: String
    /// The application (client) ID; a token may be requested for it as well as for an App ID URI.
    public var clientID: String
    /// The App ID URIs (`identifierUris`), such as `api://aad-func`.
    public var appIDURIs: [String]
    /// The app roles the API defines.
    public var appRoles: [AppRole]

    /// An app registration with every field given.
    public init(displayName: String, clientID: String, appIDURIs: [String], appRoles: [AppRole] = []) {
        self.displayName = displayName
        self.clientID = clientID
        self.appIDURIs = appIDURIs
        self.appRoles = appRoles
    }

    /// Whether `resource` names this app: its client ID or one of its App ID URIs, compared
    /// case-insensitively (as Entra does), with an optional trailing `/` ignored for URIs.
    func isNamed(by resource: String) -> Bool {
        let wanted = resource.lowercased()
        if wanted == clientID.lowercased() { return true }
        return appIDURIs.contains { uri in
            let known = uri.lowercased()
            return wanted == known || wanted == known + "/" || wanted + "/" == known
        }
    }
}
