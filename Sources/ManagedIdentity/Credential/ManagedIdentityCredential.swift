public import Foundation
public import OutboundHTTP

/// Gets access tokens from the managed identity of the Azure host this program runs on — the
/// caller side of the managed-identity scenario — speaking the App Service identity endpoint
/// (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`, api-version 2019-08-01) or IMDS (169.254.169.254,
/// api-version 2018-02-01), chosen from the environment as azure-identity does
/// (see ``ManagedIdentitySource/detect(in:)``).
///
/// Tokens are cached per identity and resource and refreshed ahead of expiry (see
/// ``AccessToken/refreshOn``); concurrent callers share one request. Endpoint failures are
/// retried per ``RetryPolicy``.
///
/// ```swift
/// let credential = ManagedIdentityCredential()                      // system-assigned
/// let token = try await credential.token(for: "api://aad-func/.default")
/// var request = URLRequest(url: apiURL)
/// request.setValue("Bearer \(token.token)", forHTTPHeaderField: "Authorization")
///
/// // A user-assigned identity, and a hermetic environment (tests, local emulator):
/// let uami = ManagedIdentityCredential(identity: .clientID(clientID),
///                                      environment: ["IDENTITY_ENDPOINT": "http://127.0.0.1:41564/msi/token",
///                                                    "IDENTITY_HEADER": secret])
/// ```
public final class ManagedIdentityCredential: Sendable {
    /// The identity tokens are requested for.
    public let identity: ManagedIdentityID
    /// The options in use.
    public let options: ManagedIdentityOptions

    private let detected: Result<ManagedIdentitySource, ManagedIdentityError>
    private let fetcher: any HTTPFetcher
    private let cache = TokenCache()

    /// A credential for `identity`, with the source detected from `environment` now.
    ///
    /// - Parameters:
    ///   - identity: system-assigned (default) or a user-assigned identity.
    ///   - environment: the variables to detect the source from (default: the process's).
    ///   - fetcher: the HTTP client; default ``defaultFetcher(for:)``.
    ///   - options: timeouts, retries, clock.
    ///
    /// A detection failure (unsupported host, malformed variable) is reported by the first
    /// ``token(for:)-(String)`` call, and by ``source``.
    public init(identity: ManagedIdentityID = .systemAssigned,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                fetcher: (any HTTPFetcher)? = nil,
                options: ManagedIdentityOptions = ManagedIdentityOptions()) {
        self.identity = identity
        self.options = options
        let detected = Result { () throws(ManagedIdentityError) in try ManagedIdentitySource.detect(in: environment) }
        self.detected = detected
        if let fetcher {
            self.fetcher = fetcher
        } else if case .success(let source) = detected {
            self.fetcher = Self.defaultFetcher(for: source)
        } else {
            self.fetcher = URLSessionFetcher()
        }
    }

    /// The source detected from the environment.
    ///
    /// - Throws: the detection error (`unsupportedEnvironment`, `invalidConfiguration`).
    public var source: ManagedIdentitySource {
        get throws(ManagedIdentityError) { try detected.get() }
    }

    /// A token for one scope (`api://aad-func/.default`) or bare resource (`api://aad-func`).
    ///
    /// ```swift
    /// let token = try await credential.token(for: "https://vault.azure.net/.default")
    /// ```
    ///
    /// - Throws: ``ManagedIdentityError``; switch on its `reason`.
    public func token(for scope: String) async throws(ManagedIdentityError) -> AccessToken {
        try await token(for: [scope])
    }

    /// A token for exactly one scope; more (or none) is an `invalidScope` error, as in azure-identity.
    ///
    /// - Throws: ``ManagedIdentityError``; switch on its `reason`.
    public func token(for scopes: [String]) async throws(ManagedIdentityError) -> AccessToken {
        let resource = try Self.resource(forScopes: scopes)
        let source = try detected.get()
        let key = TokenCache.Key(identity: identity, resource: resource)
        let fetch: TokenCache.Fetch = { [self] in
            do throws(ManagedIdentityError) {
                return .success(try await self.requestToken(resource: resource, from: source))
            } catch {
                return .failure(error)
            }
        }
        return try await cache.token(for: key, now: options.now(), fetch: fetch).get()
    }

    /// Forgets every cached token, so the next call asks the endpoint.
    public func clearCache() async {
        await cache.removeAll()
    }

    /// The fetcher used when none is given: ``URLSessionFetcher`` (https, plus plain http to
    /// loopback) that also allows plain http to exactly the source's own host — IMDS's
    /// link-local `169.254.169.254`, or the host the platform put in `IDENTITY_ENDPOINT` /
    /// `AZURE_POD_IDENTITY_AUTHORITY_HOST` (these endpoints are plain http by design) — and no other.
    ///
    /// ```swift
    /// let fetcher = ManagedIdentityCredential.defaultFetcher(for: .imds(endpoint: ManagedIdentitySource.defaultIMDSEndpoint,
    ///                                                                   isDefaultAddress: true))
    /// try fetcher.checkURL(URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!)   // allowed
    /// ```
    public static func defaultFetcher(for source: ManagedIdentitySource) -> URLSessionFetcher {
        let isPlainHTTP = source.endpoint.scheme?.lowercased() == "http"
        return URLSessionFetcher(allowedPlainHTTPHosts: isPlainHTTP && !source.host.isEmpty ? [source.host] : [])
    }

    /// One uncached token request with retries.
    private func requestToken(resource: String, from source: ManagedIdentitySource) async throws(ManagedIdentityError) -> AccessToken {
        let request = TokenRequestBuilder(source: source, identity: identity, timeout: options.requestTimeout).request(resource: resource)
        let policy = options.retryPolicy ?? {
            switch source {
            case .appService: RetryPolicy.appService
            case .imds: RetryPolicy.imds
            }
        }()
        let exchange = RetryingExchange(fetcher: fetcher, policy: policy,
                                        classifier: FailureClassifier(source: source, identity: identity))
        let response = try await exchange.perform(request)
        return try TokenResponseParser(host: source.host, now: options.now()).parse(response.body, resource: resource)
    }
}
