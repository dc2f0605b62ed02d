public import EntraAuthCore
public import HTTPServer
import JOSE

/// The middleware that protects routes with Entra ID tokens: it validates the bearer token,
/// applies the route's ``RouteAccess`` and any ``AccessRules``, puts the caller's
/// ``EntraIdentity`` in the context, and answers refusals with the exact reason.
///
/// ```swift
/// let auth = try EntraAuthentication<EntraAuthRequestContext>(
///     authority: "https://login.microsoftonline.com/\(tenantID)/v2.0",
///     audiences: ["api://aad-func", clientID])
///
/// var router = Router(context: EntraAuthRequestContext.self)
/// router.add(middleware: auth)
/// router.get("/healthz", access: .anonymous) { _, _ in .text("ok") }
/// router.get("/api/claims") { _, context in .claims(try context.requireIdentity()) }
/// router.get("/api/admin", access: .anyRole("DoAll")) { _, context in .claims(try context.requireIdentity()) }
///
/// try await Server(address: .port(8080), router: router).run(services: [auth])   // keys refresh beside the server
/// ```
///
/// For every request of a matched route, in order:
/// 1. `X-MS-CLIENT-PRINCIPAL*` headers are removed unless ``EasyAuthMode/trusted``;
/// 2. anonymous routes (with no matching rule) go straight to the handler;
/// 3. the token is taken from the request (``BearerTokenExtractor``): none → 401 without error
///    code (or the Easy Auth principal, when trusted), malformed → 400;
/// 4. the token is validated (``EntraTokenValidator``): refused → 401, keys never loaded → 503;
/// 5. the route's requirement and the matching rule's are checked: unmet → 403.
///
/// Each refusal is one JSON log line (reason, kid, appid, oid, tid, method, path; never the
/// token) and a count in ``metrics``. Unmatched paths (404/405) pass through untouched.
public struct EntraAuthentication<Context: EntraRequestContext>: MiddlewareProtocol, Service {
    /// Validates tokens.
    public let validator: EntraTokenValidator
    /// The key provider whose background refresh ``run()`` runs, when keys come from the network.
    public let keyProvider: SigningKeyProvider?
    /// Extra requirements by method and path, from a rules file.
    public var rules: AccessRules?
    /// How the token is found in the request.
    public var extractor: BearerTokenExtractor
    /// Whether Easy Auth headers are trusted (default: stripped).
    public var easyAuth: EasyAuthMode
    /// The realm named in `WWW-Authenticate` challenges.
    public var realm: String
    /// Counters (shared with the validator).
    public var metrics: AuthMetrics { validator.metrics }

    /// A middleware around an existing validator.
    public init(validator: EntraTokenValidator, keyProvider: SigningKeyProvider? = nil, rules: AccessRules? = nil,
                extractor: BearerTokenExtractor = BearerTokenExtractor(), easyAuth: EasyAuthMode = .off, realm: String = "api") {
        self.validator = validator
        self.keyProvider = keyProvider
        self.rules = rules
        self.extractor = extractor
        self.easyAuth = easyAuth
        self.realm = realm
    }

    /// A middleware that discovers the authority's signing keys (OpenID Connect discovery,
    /// refreshed in the background by ``run()``) and accepts tokens for `audiences`.
    ///
    /// - Parameters:
    ///   - authority: e.g. `https://login.microsoftonline.com/{tenant}/v2.0`, a national cloud's,
    ///     any OIDC issuer, or the local emulator's `http://127.0.0.1:PORT/{tenant}/`.
    ///   - audiences: the App ID URI(s) and the client ID.
    ///   - appID: for apps with their own signing keys (`?appid=` on discovery).
    ///   - keyRefresh: how often keys are refreshed, cooldowns, timeouts (Microsoft's defaults).
    ///   - configure: adjust the validation policy (tenants, skew, versions, …).
    /// - Throws: `KeyProviderError` when the authority is not an https URL (or loopback http).
    public init(authority: String, audiences: [String], appID: String? = nil, cache: TokenCacheLimits = TokenCacheLimits(),
                keyRefresh: KeyRefreshPolicy = KeyRefreshPolicy(), rules: AccessRules? = nil, realm: String = "api",
                logger: Logger = Logger(label: "entra-auth"),
                configure: (inout TokenValidationPolicy) -> Void = { _ in }) throws(KeyProviderError) {
        var policy = TokenValidationPolicy(audiences: audiences)
        configure(&policy)
        let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority, appID: appID), policy: keyRefresh,
                                          onEvent: Self.eventLogger(logger, authority: authority))
        self.init(validator: EntraTokenValidator(policy: policy, keys: provider, cache: cache),
                  keyProvider: provider, rules: rules, realm: realm)
    }

    /// Turns key-provider events into log lines.
    public static func eventLogger(_ logger: Logger, authority: String) -> @Sendable (KeyProviderEvent) -> Void {
        { event in
            switch event {
            case .refreshed(let change) where change.changed:
                logger.info("signing keys loaded", ["authority": authority, "version": String(change.version), "keys": String(change.keyCount),
                                                    "added": change.addedKeyIDs.joined(separator: ","), "removed": change.removedKeyIDs.joined(separator: ",")])
            case .refreshed:
                logger.debug("signing keys unchanged", ["authority": authority])
            case .refreshFailed(let error):
                logger.warning("signing keys not refreshed; serving the last good keys", ["authority": authority, "reason": error.reason.rawValue, "error": error.message])
            case .stale(let age):
                logger.error("signing keys are stale", ["authority": authority, "age": "\(age)"])
            }
        }
    }

    /// Runs the key provider's background refresh until cancelled (as a service beside the server).
    public func run() async throws {
        guard let keyProvider else {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            return
        }
        try await keyProvider.run()
    }

    public func handle(_ request: HTTPRequest, context: Context,
                       next: (HTTPRequest, Context) async throws -> HTTPResponse) async throws -> HTTPResponse {
        var request = request
        var context = context
        if easyAuth == .off { Self.stripEasyAuthHeaders(&request.headers) }
        guard let route = context.route else { return try await next(request, context) }

        let ruleRequirement = rules?.requirement(for: request.method, path: request.path)
        let routeRequirement = route.metadata.access.requirement
        if routeRequirement == nil && ruleRequirement == nil {
            context.identity = nil
            return try await next(request, context)
        }
        do throws(EntraAuthError) {
            let identity = try await authenticate(request)
            try routeRequirement?.check(identity)
            try ruleRequirement?.check(identity)
            context.identity = identity
        } catch {
            return refuse(error, request: request, context: context)
        }
        return try await next(request, context)
    }

    private func authenticate(_ request: HTTPRequest) async throws(EntraAuthError) -> EntraIdentity {
        let token = try extractor.extract(
            authorization: request.headers.values(for: "authorization"),
            queryToken: request.query["access_token"],
            formToken: extractor.allowsFormBody ? Self.formToken(request) : nil)
        guard let token else {
            if easyAuth == .trusted, let principal = request.headers["x-ms-client-principal"] {
                return try EasyAuthPrincipal.identity(fromHeader: principal)
            }
            throw EntraAuthError(.missingToken, "this route needs a bearer token (Authorization: Bearer <token>)")
        }
        return try await validator.validate(token)
    }

    private func refuse(_ error: EntraAuthError, request: HTTPRequest, context: Context) -> HTTPResponse {
        if error.reason.isRequestLevel { metrics.recordRefused(error.reason) }
        context.logger.warning("request refused", [
            "reason": error.reason.rawValue, "status": String(error.status), "method": request.method.rawValue, "path": request.path,
            "kid": error.keyID ?? "", "appid": error.clientAppID ?? "", "oid": error.objectID ?? "", "tid": error.tenantID ?? "",
            "detail": error.message,
        ])
        return EntraAuthRefusal(error, realm: realm).response()
    }

    /// Removes every `X-MS-CLIENT-PRINCIPAL*` field (any case), which only App Service may set.
    static func stripEasyAuthHeaders(_ headers: inout HTTPHeaders) {
        let prefix = Array("x-ms-client-principal".utf8)
        let names = headers.compactMap { field -> String? in
            let bytes = field.name.utf8
            guard bytes.count >= prefix.count else { return nil }
            let matches = zip(bytes, prefix).allSatisfy { a, b in ((0x41...0x5A).contains(a) ? a | 0x20 : a) == b }
            return matches ? field.name : nil
        }
        for name in names { headers.remove(name: name) }
    }

    /// The `access_token` member of an `application/x-www-form-urlencoded` body (RFC 6750 §2.2).
    static func formToken(_ request: HTTPRequest) -> String? {
        guard request.method != .get, request.headers["content-type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        for pair in request.body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0].elementsEqual("access_token".utf8) { return String(decoding: parts[1], as: UTF8.self) }
        }
        return nil
    }
}

extension EntraAuthError.Reason {
    /// Reasons decided from the request before the validator ran (the validator counts the others).
    var isRequestLevel: Bool {
        switch self {
        case .malformedAuthorizationHeader, .multipleTokens, .tokenInDisallowedLocation, .missingToken, .insufficientAccess: true
        default: false
        }
    }
}
