import Foundation
import JOSE

/// The two members of an OpenID Connect discovery document the key provider needs, read with
/// JOSE's strict ``JSONReader`` (duplicate members, bad UTF-8 and trailing data are refused).
struct OpenIDDiscoveryDocument: Sendable {
    /// `issuer`, verbatim (it may contain Entra's `{tenantid}` template).
    var issuer: String
    /// `jwks_uri`.
    var jwksURL: URL

    /// Reads a document fetched from `host`.
    ///
    /// - Throws: ``KeyProviderError/Reason/discoveryInvalid`` when the bytes are not a strict JSON
    ///   object with a string `issuer` and a string `jwks_uri` holding an absolute URL with a host.
    init(parsing bytes: [UInt8], host: String, maximumByteCount: Int) throws(KeyProviderError) {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes, limits: .init(maximumByteCount: maximumByteCount, maximumDepth: 32))
        } catch {
            throw KeyProviderError(.discoveryInvalid, stage: .discovery,
                                   "the discovery document from \(host) is not strict JSON (\(error.reason.rawValue) at byte \(error.offset))")
        }
        guard let object = value.objectValue else {
            throw KeyProviderError(.discoveryInvalid, stage: .discovery, "the discovery document from \(host) is not a JSON object")
        }
        guard let issuer = object["issuer"]?.stringValue, !issuer.isEmpty else {
            throw KeyProviderError(.discoveryInvalid, stage: .discovery, "the discovery document from \(host) has no string \"issuer\"")
        }
        guard let jwks = object["jwks_uri"]?.stringValue else {
            throw KeyProviderError(.discoveryInvalid, stage: .discovery, "the discovery document from \(host) has no string \"jwks_uri\"")
        }
        guard let url = URL(string: jwks), url.scheme != nil, let jwksHost = url.host, !jwksHost.isEmpty,
              url.user == nil, url.password == nil else {
            throw KeyProviderError(.discoveryInvalid, stage: .discovery,
                                   "the discovery document from \(host) has a \"jwks_uri\" that is not an absolute URL with a host")
        }
        self.issuer = issuer
        self.jwksURL = url
    }
}
