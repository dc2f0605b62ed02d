extension EmulatorConfiguration {
    /// The seed scenario: tenant `b7e1f0a4-…`; the API `aad-func` (App ID URI `api://aad-func`)
    /// defining the application role `DoAll`; the system-assigned identity `msi-func` holding
    /// `DoAll`; the user-assigned identity `reader-func` with no role, member of the group
    /// `aad-func-readers`; and Microsoft Graph (`https://graph.microsoft.com`, Graph's well-known
    /// app ID), so a Graph token — the usual wrong-audience mistake — can be minted and refused.
    ///
    /// ```swift
    /// let emulator = Emulator(configuration: .default)
    /// let token = try emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
    /// // token claims: roles ["DoAll"], appid 5a1c3e7f-…, aud api://aad-func
    /// ```
    public static let `default` = EmulatorConfiguration(
        tenantID: "b7e1f0a4-6c2d-4f8e-9a3b-5d1c2e4f6a70",
        identities: [
            EmulatorIdentity(
                name: "msi-func", kind: .systemAssigned,
                clientID: "5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e", objectID: "9c7e5a3f-1d2b-4a6c-8e0f-3b5d7f9a1c2e",
                resourceID: "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourcegroups/entra-auth-dev/providers/Microsoft.Web/sites/msi-func"),
            EmulatorIdentity(
                name: "reader-func", kind: .userAssigned,
                clientID: "6b2d4f8a-3c5e-4a7b-9d0f-1e3a5c7e9b2d", objectID: "8d6f4b2a-0e1c-4b3d-9f5a-7c9e1b3d5f4a",
                resourceID: "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourcegroups/entra-auth-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/reader-func"),
        ],
        applications: [
            AppRegistration(
                displayName: "aad-func", clientID: "3f2a8c1e-9b4d-4e6f-8a2c-7d5e1b9f0c34", appIDURIs: ["api://aad-func"],
                appRoles: [AppRole(value: "DoAll", allowedMemberTypes: [.application])]),
            AppRegistration(
                displayName: "Microsoft Graph", clientID: "00000003-0000-0000-c000-000000000000",
                appIDURIs: ["https://graph.microsoft.com"]),
        ],
        appRoleAssignments: [AppRoleAssignment(identity: "msi-func", application: "aad-func", role: "DoAll")],
        groups: [
            EmulatorGroup(objectID: "4e2a6c8e-5f7b-4d9a-8c1e-2b4d6f8a0c3e", displayName: "aad-func-readers", members: ["reader-func"]),
        ])
}
