public import Foundation
public import JOSE
import OutboundHTTP

/// Where a ``SigningKeyProvider`` gets its keys: OpenID Connect discovery from an authority, a
/// JWK Set URL, or keys held in memory.
///
/// ```swift
/// // Entra ID v2 tokens of one tenant (national clouds: use their authority host,
/// // for example https://login.microsoftonline.us/{tenant}/v2.0):
/// let v2 = try SigningKeySource.openIDConnect(authority: "https://login.microsoftonline.com/\(tenantID)/v2.0")
/// // v1 tokens (issuer https://sts.windows.net/{tid}/), the default for managed identities:
/// let v1 = try SigningKeySource.openIDConnect(authority: "https://login.microsoftonline.com/\(tenantID)/")
/// // An app with its own signing keys (claims mapping): ?appid= on the discovery URL.
/// let custom = try SigningKeySource.openIDConnect(authority: authority, appID: clientID)
/// // The local emulator over loopback http:
/// let local = try SigningKeySource.openIDConnect(authority: "http://127.0.0.1:8081/\(tenantID)/")
/// // A JWKS URL and the issuer its keys sign for; or fixed keys (no network ever):
/// let direct = try SigningKeySource.jwks(url: "https://issuer.example/keys", issuer: "https://issuer.example")
/// let fixed = SigningKeySource.staticKeys(try JWKSet(parsing: jwksBytes), issuer: "https://issuer.example")
/// ```
public struct SigningKeySource: Sendable, CustomStringConvertible {
    /// The kinds of source.
    public enum Kind: Sendable {
        /// Discovery: `discoveryURL` → the document's `jwks_uri` → the JWK Set.
        case discovery(discoveryURL: URL)
        /// A JWK Set fetched from `url`, for tokens issued by `issuer` (if given).
        case jwks(url: URL, issuer: String?)
        /// Keys held in memory: never fetched, always loaded.
        case staticKeys(JWKSet, issuer: String?)
    }

    /// What this source is.
    public let kind: Kind

    private init(kind: Kind) { self.kind = kind }

    /// OpenID Connect discovery from an authority (an issuer URL): the document at
    /// `{authority without trailing slash}/.well-known/openid-configuration`, then its `jwks_uri`.
    ///
    /// Works for Entra v2 (`https://login.microsoftonline.com/{tenant}/v2.0`), v1
    /// (`https://login.microsoftonline.com/{tenant}/`), national clouds (`login.microsoftonline.us`,
    /// `login.chinacloudapi.cn`, …), any OpenID provider, and `http` to loopback for the emulator.
    ///
    /// - Parameter appID: for apps with their own signing keys: appended as `?appid=` to the
    ///   discovery URL; the `jwks_uri` the document names is then used as given.
    /// - Throws: ``KeyProviderError`` `insecureURL` (not https nor loopback http) or
    ///   `invalidConfiguration` (no host, a query, fragment or user info, an `appID` with
    ///   characters outside `[A-Za-z0-9._~-]`).
    public static func openIDConnect(authority: String, appID: String? = nil) throws(KeyProviderError) -> SigningKeySource {
        let url = try checkedURL(authority, what: "authority")
        var trimmed = authority
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        var discovery = trimmed + "/.well-known/openid-configuration"
        if let appID {
            guard !appID.isEmpty, appID.utf8.count <= 128, appID.utf8.allSatisfy(isUnreserved) else {
                throw KeyProviderError(.invalidConfiguration, stage: .configuration,
                                       "appID must be 1...128 characters of [A-Za-z0-9._~-]")
            }
            discovery += "?appid=" + appID
        }
        guard let discoveryURL = URL(string: discovery), discoveryURL.host == url.host else {
            throw KeyProviderError(.invalidConfiguration, stage: .configuration, "authority for \(url.host ?? "?") does not form a discovery URL")
        }
        return SigningKeySource(kind: .discovery(discoveryURL: discoveryURL))
    }

    /// A JWK Set fetched directly from `url` (no discovery), for tokens whose issuer is `issuer`
    /// (reported in ``SigningKeySnapshot/issuer``; the validator decides what to do with it).
    ///
    /// - Throws: ``KeyProviderError`` `insecureURL` or `invalidConfiguration`, as
    ///   ``openIDConnect(authority:appID:)``, except that a query is allowed.
    public static func jwks(url: String, issuer: String?) throws(KeyProviderError) -> SigningKeySource {
        let checked = try checkedURL(url, what: "JWKS URL", allowsQuery: true)
        return SigningKeySource(kind: .jwks(url: checked, issuer: issuer))
    }

    /// Keys held in memory, for offline use and tests: the provider never touches the network
    /// and is loaded from the start.
    public static func staticKeys(_ keys: JWKSet, issuer: String? = nil) -> SigningKeySource {
        SigningKeySource(kind: .staticKeys(keys, issuer: issuer))
    }

    /// The URL fetched first (discovery document or JWK Set), `nil` for static keys.
    public var firstURL: URL? {
        switch kind {
        case .discovery(let url): url
        case .jwks(let url, _): url
        case .staticKeys: nil
        }
    }

    /// `discovery https://host/path`, `jwks https://host/path` or `static (n keys)`.
    public var description: String {
        switch kind {
        case .discovery(let url): "discovery \(url.absoluteString)"
        case .jwks(let url, _): "jwks \(url.absoluteString)"
        case .staticKeys(let keys, _): "static (\(keys.keys.count) keys)"
        }
    }

    // MARK: Checks

    /// RFC 3986 unreserved characters: safe in a query value without encoding.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Parses `string` as an absolute `https` URL (or `http` to loopback) with a host.
    static func checkedURL(_ string: String, what: String, allowsQuery: Bool = false) throws(KeyProviderError) -> URL {
        guard let url = URL(string: string), let scheme = url.scheme?.lowercased(),
              let host = url.host, !host.isEmpty else {
            throw KeyProviderError(.invalidConfiguration, stage: .configuration, "the \(what) is not an absolute URL with a host")
        }
        guard url.user == nil, url.password == nil, url.fragment == nil, allowsQuery || url.query == nil else {
            throw KeyProviderError(.invalidConfiguration, stage: .configuration,
                                   "the \(what) for \(host) must not carry user info, a fragment\(allowsQuery ? "" : " or a query")")
        }
        guard isSecure(scheme: scheme, host: host) else {
            throw KeyProviderError(.insecureURL, stage: .configuration,
                                   "the \(what) \(scheme)://\(host) is refused: use https (plain http is allowed to loopback only)")
        }
        return url
    }

    /// `https`, or `http` to a loopback host.
    static func isSecure(scheme: String, host: String) -> Bool {
        scheme.utf8.elementsEqual("https".utf8) || (scheme.utf8.elementsEqual("http".utf8) && isLoopbackHost(host))
    }
}
