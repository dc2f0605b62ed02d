import Foundation

/// msi-func's settings, from environment variables:
///
/// - `AAD_FUNC_SCOPE`: the scope to get a token for (default `api://aad-func/.default`);
/// - `AAD_FUNC_URL`: the protected API to call (default `http://127.0.0.1:8080/api/claims`);
/// - `FUNCTIONS_CUSTOMHANDLER_PORT`: when set, serve `GET /api/call` on 127.0.0.1 at that port
///   (Azure Functions custom handler) instead of calling once and exiting;
/// - `MSI_CLIENT_ID`: optional client ID of a user-assigned identity.
struct CallerConfiguration {
    var scope: String
    var url: URL
    var handlerPort: Int?
    var clientID: String?

    /// Reads and checks the settings; the error says which variable is wrong.
    init(environment: [String: String]) throws(ConfigurationError) {
        scope = environment["AAD_FUNC_SCOPE"].flatMap { $0.isEmpty ? nil : $0 } ?? "api://aad-func/.default"
        let urlText = environment["AAD_FUNC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080/api/claims"
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError("AAD_FUNC_URL \(urlText.debugDescription) is not an http(s) URL")
        }
        self.url = url
        if let portText = environment["FUNCTIONS_CUSTOMHANDLER_PORT"], !portText.isEmpty {
            guard let port = Int(portText), (1...65_535).contains(port) else {
                throw ConfigurationError("FUNCTIONS_CUSTOMHANDLER_PORT \(portText.debugDescription) is not a port number")
            }
            handlerPort = port
        }
        clientID = environment["MSI_CLIENT_ID"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A setting msi-func cannot start with.
struct ConfigurationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
