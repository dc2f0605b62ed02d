/// Audiences of Microsoft's own APIs, recognised to explain a refusal: a token for Microsoft
/// Graph sent to this API is the most common Entra mistake, and its signature never verifies
/// (Graph tokens carry a header `nonce` that Graph hashes after signing).
enum WellKnownAudiences {
    static let graph: [String] = [
        "https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000",
        "https://graph.windows.net", "https://graph.windows.net/", "00000002-0000-0000-c000-000000000000",
        "https://graph.microsoft.us", "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn",
    ]
    static let azureResourceManager: [String] = [
        "https://management.azure.com", "https://management.azure.com/",
        "https://management.core.windows.net", "https://management.core.windows.net/",
    ]

    /// A short name for a well-known audience, if `audience` is one.
    static func name(of audience: String) -> String? {
        if graph.containsBytes(of: audience) { return "Microsoft Graph" }
        if azureResourceManager.containsBytes(of: audience) { return "Azure Resource Manager" }
        if audience.utf8.starts(with: "https://vault.azure.net".utf8) { return "Azure Key Vault" }
        if audience.utf8.starts(with: "https://storage.azure.com".utf8) { return "Azure Storage" }
        return nil
    }
}
