import Foundation

/// aad-func's settings, read from the environment. Every problem is collected and reported at
/// once, so a misconfigured deployment says everything that is wrong in one start.
public struct AadFuncConfiguration: Sendable {
    /// `AUTH_AUTHORITY`: discovery at `{AUTH_AUTHORITY}/.well-known/openid-configuration`.
    public var authority: String
    /// `AUTH_AUDIENCE`: accepted audiences, comma-separated (App ID URI and client ID).
    public var audiences: [String]
    /// `AUTH_TOKEN_CACHE_SIZE`: validated tokens kept (default 10000; 0 turns the cache off).
    public var tokenCacheSize: Int
    /// `AUTH_RULES_FILE`: optional JSON access rules.
    public var rulesFile: String?
    /// `AUTH_ALLOWED_TENANTS`: optional comma-separated tenant IDs.
    public var allowedTenants: [String]?
    /// `AUTH_KEY_REFRESH_SECONDS`: seconds between scheduled key refreshes (default 12 h ± 1 h jitter).
    public var keyRefreshSeconds: Int?
    /// `AUTH_METRICS`: `1` adds the Prometheus `/metrics` route.
    public var metrics: Bool
    /// `FUNCTIONS_CUSTOMHANDLER_PORT` (as an Azure Functions custom handler) or `PORT` (default 8080).
    public var port: Int
    /// `HOST`: the address to listen on (default 127.0.0.1 as a custom handler, else 0.0.0.0).
    public var host: String
    /// `ACCESS_LOG`: `1` logs every request.
    public var accessLog: Bool

    /// Every problem found in the environment, one sentence each.
    public struct Invalid: Error, CustomStringConvertible {
        /// One sentence per problem.
        public var problems: [String]
        public var description: String {
            "aad-func: bad configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
                + "\nSee samples/aad-func/README.md for the settings."
        }
    }

    /// Reads the settings from `environment`.
    ///
    /// - Throws: ``Invalid`` listing every problem at once.
    public init(environment: [String: String]) throws(Invalid) {
        var problems: [String] = []
        func nonEmpty(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        authority = nonEmpty("AUTH_AUTHORITY") ?? ""
        if authority.isEmpty {
            problems.append("AUTH_AUTHORITY is not set (e.g. https://login.microsoftonline.com/<tenant-id>/v2.0, or the emulator's AUTH_AUTHORITY)")
        }
        audiences = (nonEmpty("AUTH_AUDIENCE") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if audiences.isEmpty { problems.append("AUTH_AUDIENCE is not set (e.g. api://aad-func,<client-id>)") }
        tokenCacheSize = 10_000
        if let text = nonEmpty("AUTH_TOKEN_CACHE_SIZE") {
            if let size = Int(text), size >= 0 { tokenCacheSize = size } else {
                problems.append("AUTH_TOKEN_CACHE_SIZE must be a whole number ≥ 0 (0 turns the cache off), not \"\(text)\"")
            }
        }
        rulesFile = nonEmpty("AUTH_RULES_FILE")
        allowedTenants = nonEmpty("AUTH_ALLOWED_TENANTS").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let text = nonEmpty("AUTH_KEY_REFRESH_SECONDS") {
            if let seconds = Int(text), seconds >= 1 { keyRefreshSeconds = seconds } else {
                problems.append("AUTH_KEY_REFRESH_SECONDS must be a whole number of seconds ≥ 1, not \"\(text)\"")
            }
        }
        metrics = environment["AUTH_METRICS"] == "1"
        accessLog = environment["ACCESS_LOG"] == "1"
        let customHandlerPort = nonEmpty("FUNCTIONS_CUSTOMHANDLER_PORT")
        let portText = customHandlerPort ?? nonEmpty("PORT") ?? "8080"
        port = 0
        if let port = Int(portText), (0...65535).contains(port) { self.port = port } else {
            problems.append("\(customHandlerPort == nil ? "PORT" : "FUNCTIONS_CUSTOMHANDLER_PORT") must be a port number, not \"\(portText)\"")
        }
        host = nonEmpty("HOST") ?? (customHandlerPort == nil ? "0.0.0.0" : "127.0.0.1")
        guard problems.isEmpty else { throw Invalid(problems: problems) }
    }
}
