import HTTPServer
import JOSE
import Synchronization

/// The emulator's state and routes, shared by every handler: configuration, identity-header
/// secret, signing keys, and the base URL once the server is bound.
final class EmulatorService: Sendable {
    let configuration: EmulatorConfiguration
    let identityHeader: String
    let keys: SigningKeyRing
    let keyGenerator: @Sendable () -> RSAPrivateKey
    private let boundBase = Mutex<String?>(nil)

    init(configuration: EmulatorConfiguration, identityHeader: String, key: RSAPrivateKey,
         keyGenerator: @escaping @Sendable () -> RSAPrivateKey) {
        self.configuration = configuration
        self.identityHeader = identityHeader
        self.keys = SigningKeyRing(key: key)
        self.keyGenerator = keyGenerator
    }

    var issuer: TokenIssuer { TokenIssuer(configuration: configuration, keys: keys) }

    func issue(to identity: EmulatorIdentity, resource: String) throws(TokenRequestError) -> IssuedToken {
        try issuer.issue(to: identity, resource: resource, now: TokenIssuer.currentTime())
    }

    @discardableResult
    func rotateKeys(to key: RSAPrivateKey?) -> String {
        keys.rotate(to: key ?? keyGenerator())
    }

    /// `{"keys":[…]}`, current key first.
    var jwks: JSONObject {
        JSONObject([JSONObject.Member(name: "keys", value: .array(keys.published.map { .object($0.jwk) }))])
    }

    /// `http://127.0.0.1:PORT` once bound.
    var base: String? {
        get { boundBase.withLock { $0 } }
        set { boundBase.withLock { $0 = newValue } }
    }

    /// The base URL for documents served in answer to `request`: the bound address, or (before
    /// it is known, or when the router runs in another server) the request's authority.
    func base(for request: HTTPRequest) -> String {
        base ?? "http://\(request.authority)"
    }

    static func baseURL(for address: SocketAddress) -> String {
        address.host.contains(":") ? "http://[\(address.host)]:\(address.port)" : "http://\(address.host):\(address.port)"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host.hasPrefix("127.") || host == "localhost" || host.hasPrefix("::ffff:127.")
    }

    func router() -> Router<BasicRequestContext> {
        var router = Router(context: BasicRequestContext.self)
        let appService = AppServiceTokenEndpoint(service: self)
        let imds = IMDSTokenEndpoint(service: self)
        let discovery = DiscoveryEndpoints(service: self)
        let rotation = KeyRotationEndpoint(service: self)
        router.get(AppServiceTokenEndpoint.path) { request, _ in appService.respond(to: request) }
        router.get(IMDSTokenEndpoint.path) { request, _ in imds.respond(to: request) }
        router.get("/:tenant/.well-known/openid-configuration") { [self] request, context in
            discovery.openIDConfiguration(tenant: context.parameters["tenant"] ?? "", version2: false, base: base(for: request))
        }
        router.get("/:tenant/v2.0/.well-known/openid-configuration") { [self] request, context in
            discovery.openIDConfiguration(tenant: context.parameters["tenant"] ?? "", version2: true, base: base(for: request))
        }
        router.get("/:tenant/discovery/keys") { _, context in discovery.keys(tenant: context.parameters["tenant"] ?? "") }
        router.get("/:tenant/discovery/v2.0/keys") { _, context in discovery.keys(tenant: context.parameters["tenant"] ?? "") }
        router.post(KeyRotationEndpoint.path) { _, context in rotation.respond(remoteAddress: context.remoteAddress) }
        return router
    }
}
