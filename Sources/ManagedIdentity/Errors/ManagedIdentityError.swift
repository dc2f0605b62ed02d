/// Why a managed-identity token could not be obtained, with a ``reason`` a program can switch on
/// and a ``message`` that tells a person what to do. Messages name the endpoint's host and HTTP
/// status and quote the endpoint's own error text; they never contain a token or the
/// `IDENTITY_HEADER` secret.
///
/// ```swift
/// do {
///     let token = try await credential.token(for: "api://aad-func/.default")
/// } catch {
///     switch error.reason {
///     case .noManagedIdentity, .identityNotFound: print("fix the deployment: \(error)")
///     case .throttled, .serviceUnavailable, .timedOut: print("try again later: \(error)")
///     default: print(error)
///     }
/// }
/// ```
public struct ManagedIdentityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for a program to switch on.
    public enum Reason: String, Sendable, CaseIterable {
        /// No managed identity endpoint on this host: neither `IDENTITY_ENDPOINT`/`IDENTITY_HEADER`
        /// are set nor is IMDS reachable at 169.254.169.254.
        case noManagedIdentity
        /// The endpoint does not know the requested identity: the user-assigned identity is not
        /// assigned to this resource, or (system-assigned) the resource has no system identity.
        case identityNotFound
        /// The endpoint named by the environment could not be reached (connection refused, DNS…).
        case endpointUnreachable
        /// The endpoint refused the caller: a wrong or stale `X-IDENTITY-HEADER` secret, 401 or 403.
        case forbidden
        /// The endpoint rejected the request (4xx); ``ManagedIdentityError/endpointMessage`` has its own words.
        case badRequest
        /// The endpoint answered 200 with something that is not a token response (bad JSON,
        /// missing `access_token` or expiry), or an unexpected status such as a redirect.
        case invalidResponse
        /// The endpoint did not answer within the request timeout.
        case timedOut
        /// The endpoint kept answering 429 until the retry budget ran out.
        case throttled
        /// The endpoint kept answering 5xx (or, for IMDS, 404/410 while it updates) until the retry
        /// budget ran out.
        case serviceUnavailable
        /// Not exactly one scope, or a scope that names no resource.
        case invalidScope
        /// An environment variable that selects the source is malformed, or the fetcher refused
        /// the endpoint's URL.
        case invalidConfiguration
        /// The environment describes a managed-identity host this client does not speak to
        /// (Service Fabric, Azure Arc, Azure ML, Cloud Shell, AKS workload identity).
        case unsupportedEnvironment
        /// The calling task was cancelled.
        case cancelled
    }

    /// What went wrong.
    public var reason: Reason
    /// A short explanation for people: what happened and what to do.
    public var message: String
    /// The HTTP status the endpoint last answered with, when there was one.
    public var statusCode: Int?
    /// The endpoint's own error text (`message` from App Service, `error: error_description`
    /// from IMDS), shortened, when it sent one.
    public var endpointMessage: String?
    /// The endpoint's correlation ID (App Service `correlationId` / `X-CORRELATION-ID`), for
    /// support requests.
    public var correlationID: String?

    /// An error with a reason, explanation and optional endpoint details.
    public init(_ reason: Reason, _ message: String, statusCode: Int? = nil,
                endpointMessage: String? = nil, correlationID: String? = nil) {
        self.reason = reason
        self.message = message
        self.statusCode = statusCode
        self.endpointMessage = endpointMessage
        self.correlationID = correlationID
    }

    /// `reason: message`, then the correlation ID if any.
    public var description: String {
        var text = "\(reason.rawValue): \(message)"
        if let correlationID { text += " (correlation ID \(correlationID))" }
        return text
    }
}
