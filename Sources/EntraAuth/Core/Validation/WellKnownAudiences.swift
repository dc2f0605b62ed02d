/// Audiences of Microsoft's own APIs, recognised to explain a refusal: a token for Microsoft
/// Graph sent to this API is the most common Entra mistake, and its signature never verifies
/// (Graph tokens carry a header `nonce` that Graph hashes after signing).
///
/// ```swift
/// WellKnownAudiences.name(of: "https://graph.microsoft.com")   // "Microsoft Graph"
/// WellKnownAudiences.name(of: "api://aad-func")                // nil
/// ```
public enum WellKnownAudiences {
    /// Microsoft Graph's and Azure AD Graph's audiences, in every cloud and both forms (URI, app ID).
    public static let graph: [String] = [
        "https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000",
        "https://graph.windows.net", "https://graph.windows.net/", "00000002-0000-0000-c000-000000000000",
        "https://graph.microsoft.us", "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn",
    ]
    /// Azure Resource Manager's audiences.
    public static let azureResourceManager: [String] = [
        "https://management.azure.com", "https://management.azure.com/",
        "https://management.core.windows.net", "https://management.core.windows.net/",
    ]

    /// A short name for a well-known audience, if `audience` is one.
    public static func name(of audience: String) -> String? {
        if graph.containsBytes(of: audience) { return "Microsoft Graph" }
        if azureResourceManager.containsBytes(of: audience) { return "Azure Resource Manager" }
        if audience.utf8.starts(with: "https://vault.azure.net".utf8) { return "Azure Key Vault" }
        if audience.utf8.starts(with: "https://storage.azure.com".utf8) { return "Azure Storage" }
        return nil
    }
}
