import Foundation

extension ManagedIdentitySource {
    /// Picks the source from environment variables in azure-identity 1.27's order:
    ///
    /// 1. `IDENTITY_ENDPOINT` + `IDENTITY_HEADER` → App Service (Service Fabric when
    ///    `IDENTITY_SERVER_THUMBPRINT` is also set: not supported here, reported as such);
    /// 2. `IDENTITY_ENDPOINT` + `IMDS_ENDPOINT` → Azure Arc (not supported);
    /// 3. `MSI_ENDPOINT` → Azure ML with `MSI_SECRET`, else Cloud Shell (not supported);
    /// 4. `AZURE_AUTHORITY_HOST` + `AZURE_TENANT_ID` + `AZURE_FEDERATED_TOKEN_FILE` → AKS
    ///    workload identity (not supported: it has no local endpoint);
    /// 5. otherwise IMDS (also when only `IDENTITY_ENDPOINT` or only `IDENTITY_HEADER` is set, as
    ///    in azure-identity: Container Apps has been seen with `IDENTITY_HEADER` alone and IMDS), at `AZURE_POD_IDENTITY_AUTHORITY_HOST` + `/metadata/identity/oauth2/token`
    ///    when that is set, else at `http://169.254.169.254`.
    ///
    /// An unsupported host is an error rather than a silent fall-through to IMDS, so a
    /// misconfiguration is never mistaken for "no identity".
    ///
    /// ```swift
    /// let source = try ManagedIdentitySource.detect(in: ["IDENTITY_ENDPOINT": "http://127.0.0.1:41564/msi/token",
    ///                                                     "IDENTITY_HEADER": "secret"])
    /// ```
    ///
    /// - Throws: ``ManagedIdentityError`` with reason `invalidConfiguration` (a variable is not a
    ///   usable URL) or `unsupportedEnvironment`.
    public static func detect(in environment: [String: String]) throws(ManagedIdentityError) -> ManagedIdentitySource {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        if let endpoint = value("IDENTITY_ENDPOINT"), let secret = value("IDENTITY_HEADER") {
            if value("IDENTITY_SERVER_THUMBPRINT") != nil {
                throw ManagedIdentityError(.unsupportedEnvironment,
                    "IDENTITY_SERVER_THUMBPRINT is set: this is Service Fabric, whose identity endpoint (HTTPS pinned by thumbprint) this client does not support")
            }
            return .appService(endpoint: try httpURL(endpoint, variable: "IDENTITY_ENDPOINT"), secret: secret)
        }
        if value("IDENTITY_ENDPOINT") != nil, value("IMDS_ENDPOINT") != nil {
            throw ManagedIdentityError(.unsupportedEnvironment,
                "IDENTITY_ENDPOINT and IMDS_ENDPOINT are set: this is Azure Arc, which this client does not support (set IDENTITY_HEADER too for an App Service-style endpoint)")
        }
        if value("MSI_ENDPOINT") != nil {
            let host = value("MSI_SECRET") != nil ? "Azure ML (MSI_ENDPOINT + MSI_SECRET, api-version 2017-09-01)" : "Cloud Shell (MSI_ENDPOINT without MSI_SECRET)"
            throw ManagedIdentityError(.unsupportedEnvironment,
                "this looks like \(host), which this client does not support; set IDENTITY_ENDPOINT and IDENTITY_HEADER for the 2019-08-01 protocol")
        }
        if value("AZURE_AUTHORITY_HOST") != nil, value("AZURE_TENANT_ID") != nil, value("AZURE_FEDERATED_TOKEN_FILE") != nil {
            throw ManagedIdentityError(.unsupportedEnvironment,
                "AZURE_FEDERATED_TOKEN_FILE is set: this is AKS workload identity (a client-credentials exchange with Entra ID), which this client does not support")
        }
        if let authority = value("AZURE_POD_IDENTITY_AUTHORITY_HOST") {
            var base = Substring(authority)
            while base.hasSuffix("/") { base = base.dropLast() }
            let url = try httpURL(String(base) + imdsTokenPath, variable: "AZURE_POD_IDENTITY_AUTHORITY_HOST")
            return .imds(endpoint: url, isDefaultAddress: false)
        }
        return .imds(endpoint: defaultIMDSEndpoint, isDefaultAddress: true)
    }

    private static func httpURL(_ string: String, variable: String) throws(ManagedIdentityError) -> URL {
        guard let url = URL(string: string), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.fragment == nil else {
            throw ManagedIdentityError(.invalidConfiguration, "\(variable) is not an http(s) URL with a host")
        }
        return url
    }
}
