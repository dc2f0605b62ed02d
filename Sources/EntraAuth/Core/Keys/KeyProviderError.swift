/// Why the signing-key provider could not load keys, or refused a source.
///
/// `reason` is for programs (metrics labels, alerts); `message` is a short sentence for people
/// that names the host, the stage and the HTTP status, never a response body.
///
/// ```swift
/// let provider = SigningKeyProvider(source: source, onEvent: { event in
///     if case .refreshFailed(let error) = event {
///         metrics.increment("jwks_refresh_failures", label: error.reason.rawValue)
///         logger.warning("signing keys not refreshed: \(error)")
///     }
/// })
/// ```
public struct KeyProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for a program to switch on. The raw value is the case name.
    public enum Reason: String, Sendable, CaseIterable {
        /// The source was configured wrongly (an authority with a query, an `appid` with
        /// characters outside `[A-Za-z0-9._~-]`, a URL without a host, …).
        case invalidConfiguration
        /// A URL is not `https` (nor `http` to a loopback host), or a discovery document served
        /// over `https` names a plain-`http` `jwks_uri`.
        case insecureURL
        /// The discovery document could not be fetched (DNS, connection refused, TLS, reset).
        case discoveryUnreachable
        /// The discovery document is not strict JSON, or lacks a string `issuer` or a string
        /// `jwks_uri` that is an absolute URL.
        case discoveryInvalid
        /// The JWK Set could not be fetched (DNS, connection refused, TLS, reset).
        case jwksUnreachable
        /// The JWK Set is not strict JSON, is not a JWK Set, holds private key material or
        /// symmetric (`oct`) secrets.
        case jwksInvalid
        /// The JWK Set parsed but holds no usable key (all refused, or none at all).
        case jwksEmpty
        /// The server answered with a status other than 2xx (see ``KeyProviderError/httpStatus``).
        case httpStatus
        /// The response body is larger than the policy allows.
        case tooLarge
        /// No complete answer arrived within the policy's fetch timeout.
        case timedOut
        /// The fetch was cancelled (the provider is shutting down).
        case cancelled
    }

    /// Which request failed.
    public enum Stage: String, Sendable, CaseIterable {
        /// Building the source (nothing was fetched).
        case configuration
        /// Fetching or reading the OpenID Connect discovery document.
        case discovery
        /// Fetching or reading the JWK Set.
        case jwks
    }

    /// What went wrong.
    public var reason: Reason
    /// Which request failed.
    public var stage: Stage
    /// The HTTP status, when the server answered with one that was not 2xx.
    public var httpStatus: Int?
    /// A short explanation for people: host, stage, status or sizes; never bodies.
    public var message: String

    /// An error with a reason, a stage and an explanation.
    public init(_ reason: Reason, stage: Stage, httpStatus: Int? = nil, _ message: String) {
        self.reason = reason
        self.stage = stage
        self.httpStatus = httpStatus
        self.message = message
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
