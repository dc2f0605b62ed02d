public import HTTPServer
public import JOSE
import Synchronization

/// A local development token service: the App Service and IMDS managed-identity endpoints, the
/// Entra OpenID discovery documents and JWK Sets, and RS256 tokens shaped like Entra's
/// managed-identity tokens — on loopback, with no cloud account. **Development only.**
///
/// Endpoints (see each type for the exact checks and error bodies):
///
/// | Method and path | What |
/// | --- | --- |
/// | `GET /msi/token` | App Service identity endpoint, api-version 2019-08-01, `X-IDENTITY-HEADER` |
/// | `GET /metadata/identity/oauth2/token` | IMDS token endpoint, `Metadata: true` |
/// | `GET /{tid}/.well-known/openid-configuration` | v1 discovery (`iss` `https://sts.windows.net/{tid}/`) |
/// | `GET /{tid}/v2.0/.well-known/openid-configuration` | v2 discovery |
/// | `GET /{tid}/discovery/keys`, `GET /{tid}/discovery/v2.0/keys` | JWK Set |
/// | `POST /emulator/rotate-keys` | new current key; the old one stays published until the next rotation |
///
/// Start it inside another process on a free port:
///
/// ```swift
/// let emulator = try Emulator(configuration: .default)
/// let task = Task { try await emulator.run() }
/// let authority = try await emulator.authority         // http://127.0.0.1:PORT/{tid}/
/// for (name, value) in try await emulator.environment { setenv(name, value, 1) }
/// // … call the API, or mint tokens directly:
/// let token = try emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
/// emulator.shutdown()
/// try await task.value
/// ```
public final class Emulator: Sendable {
    /// Settings beyond the tenant configuration.
    public struct Options: Sendable {
        /// Where to listen. Default `127.0.0.1`, port 0 (a free port).
        public var host: String
        /// The port; 0 lets the kernel choose.
        public var port: Int
        /// The `IDENTITY_HEADER` secret; `nil` (the default) for a random one per emulator.
        public var identityHeader: String?
        /// Makes the key for each rotation. Default: a new RSA 2048 key.
        public var keyGenerator: @Sendable () -> RSAPrivateKey
        /// Handle SIGTERM/SIGINT (for a standalone process such as `entra-auth emulator`).
        public var handlesSignals: Bool
        /// Where the server logs; default JSON lines on standard error.
        public var logger: Logger
        /// Log one line per request.
        public var accessLog: Bool

        /// Options with the defaults listed on each property.
        public init(
            host: String = "127.0.0.1", port: Int = 0, identityHeader: String? = nil,
            keyGenerator: @escaping @Sendable () -> RSAPrivateKey = { RSAPrivateKey.generate() },
            handlesSignals: Bool = false, logger: Logger = Logger(label: "identity-emulator"), accessLog: Bool = true
        ) {
            self.host = host
            self.port = port
            self.identityHeader = identityHeader
            self.keyGenerator = keyGenerator
            self.handlesSignals = handlesSignals
            self.logger = logger
            self.accessLog = accessLog
        }
    }

    /// The tenant, identities, apps, roles and groups.
    public var configuration: EmulatorConfiguration { service.configuration }
    /// The secret clients send as `X-IDENTITY-HEADER` (`IDENTITY_HEADER`).
    public var identityHeader: String { service.identityHeader }

    let service: EmulatorService
    private let server: Server<BasicRequestContext>

    /// An emulator for `configuration`, signing with `signingKey` or, when it is `nil`, with a
    /// key generated now (a few seconds in a debug build, once).
    ///
    /// - Throws: ``EmulatorConfigurationError`` when the configuration does not validate.
    public init(configuration: EmulatorConfiguration = .default, signingKey: RSAPrivateKey? = nil,
                options: Options = Options()) throws(EmulatorConfigurationError) {
        try configuration.validate()
        service = EmulatorService(
            configuration: configuration, identityHeader: options.identityHeader ?? TokenIssuer.random(byteCount: 24),
            key: signingKey ?? options.keyGenerator(), keyGenerator: options.keyGenerator)
        let serverConfiguration = HTTPServerConfiguration(
            address: .hostPort(options.host, options.port), eventLoopCount: 1, serverName: "",
            accessLog: options.accessLog, logger: options.logger, handlesSignals: options.handlesSignals)
        server = Server(configuration: serverConfiguration, router: service.router())
    }

    /// The routes, for mounting the emulator in a server of your own (documents then name the
    /// request's `Host` as their base URL).
    public func router() -> Router<BasicRequestContext> { service.router() }

    /// Binds, serves until ``shutdown()`` (or SIGTERM/SIGINT with `handlesSignals`), drains and
    /// returns.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [server] in try await server.run() }
            if let address = try? await server.boundAddress {
                service.base = EmulatorService.baseURL(for: address)
            }
            try await group.waitForAll()
        }
    }

    /// Starts graceful shutdown; ``run()`` then returns.
    public func shutdown() { server.shutdown() }

    /// The address the emulator listens on; waits until ``run()`` has bound it.
    public var boundAddress: SocketAddress {
        get async throws { try await server.boundAddress }
    }

    /// `http://127.0.0.1:PORT`; waits until bound.
    public var baseURL: String {
        get async throws { EmulatorService.baseURL(for: try await boundAddress) }
    }

    /// `http://127.0.0.1:PORT/{tid}/`: the `AUTH_AUTHORITY` whose v1 discovery document names
    /// the issuer `https://sts.windows.net/{tid}/` and the emulator's JWK Set; waits until bound.
    public var authority: String {
        get async throws { try await baseURL + "/\(configuration.tenantID)/" }
    }

    /// The variables a client process needs, in order: `IDENTITY_ENDPOINT`, `IDENTITY_HEADER`,
    /// `AZURE_POD_IDENTITY_AUTHORITY_HOST` (the IMDS base URL; clients append
    /// `/metadata/identity/oauth2/token`) and `AUTH_AUTHORITY`; waits until bound.
    public var environment: [(name: String, value: String)] {
        get async throws {
            let base = try await baseURL
            return [
                ("IDENTITY_ENDPOINT", base + AppServiceTokenEndpoint.path),
                ("IDENTITY_HEADER", identityHeader),
                ("AZURE_POD_IDENTITY_AUTHORITY_HOST", base),
                ("AUTH_AUTHORITY", base + "/\(configuration.tenantID)/"),
            ]
        }
    }

    /// Mints a token for the identity named `identity` and `resource` (an App ID URI or app
    /// client ID; `aud` echoes it exactly), as the token endpoints do.
    ///
    /// `issuedAt` (seconds since 1970, default now) sets `iat` and `nbf`, and `exp` follows from
    /// the configured lifetime: a time more than a lifetime ago gives an expired token, for
    /// testing how an API refuses one.
    ///
    /// ```swift
    /// let issued = try emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
    /// let dayOld = Int(Date().timeIntervalSince1970) - 2 * 86_400
    /// let expired = try emulator.issueToken(identity: "msi-func", resource: "api://aad-func", issuedAt: dayOld)
    /// ```
    ///
    /// - Throws: ``TokenRequestError`` (`unknownIdentity`, `unknownResource`).
    public func issueToken(identity: String, resource: String, issuedAt: Int? = nil) throws(TokenRequestError) -> IssuedToken {
        guard let selected = configuration.identity(named: identity) else {
            throw TokenRequestError(.unknownIdentity, "no identity is named \"\(identity)\"")
        }
        return try service.issuer.issue(to: selected, resource: resource, now: issuedAt ?? TokenIssuer.currentTime())
    }

    /// Makes `key` (or a newly generated key) current; the old current key stays published
    /// until the next rotation. Returns the new `kid`. Same as `POST /emulator/rotate-keys`.
    @discardableResult
    public func rotateKeys(to key: RSAPrivateKey? = nil) -> String { service.rotateKeys(to: key) }

    /// The `kid` of the key that signs new tokens.
    public var currentKeyID: String { service.keys.current.keyID }

    /// The published JWK Set document (`{"keys":[…]}`).
    public var jwks: JSONObject { service.jwks }
}
