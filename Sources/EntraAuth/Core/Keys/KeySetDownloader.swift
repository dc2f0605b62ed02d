import Foundation
import JOSE
import OutboundHTTP

/// One complete fetch for a remote source: discovery document (if any), then the JWK Set, each
/// with the policy's timeout and size cap, each checked strictly.
struct KeySetDownloader: Sendable {
    let fetcher: any HTTPFetcher
    let policy: KeyRefreshPolicy

    /// What one successful fetch produced.
    struct Result: Sendable {
        var keys: JWKSet
        var issuer: String?
    }

    /// Fetches and reads the keys of a discovery or JWKS source.
    func download(_ kind: SigningKeySource.Kind) async throws(KeyProviderError) -> Result {
        switch kind {
        case .discovery(let discoveryURL):
            let body = try await get(discoveryURL, stage: .discovery, limit: policy.maximumDiscoveryByteCount)
            let host = discoveryURL.host ?? ""
            let document = try OpenIDDiscoveryDocument(parsing: body, host: host, maximumByteCount: policy.maximumDiscoveryByteCount)
            try checkJWKSURL(document.jwksURL, discoveredFrom: discoveryURL)
            let keys = try await jwks(document.jwksURL)
            return Result(keys: keys, issuer: document.issuer)
        case .jwks(let url, let issuer):
            return Result(keys: try await jwks(url), issuer: issuer)
        case .staticKeys(let keys, let issuer):
            return Result(keys: keys, issuer: issuer)
        }
    }

    /// A `jwks_uri` must be `https`; plain `http` only to loopback and only when the discovery
    /// document itself came over loopback `http` (the local emulator).
    func checkJWKSURL(_ url: URL, discoveredFrom discoveryURL: URL) throws(KeyProviderError) {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host ?? ""
        if scheme.utf8.elementsEqual("https".utf8) { return }
        let discoveryScheme = discoveryURL.scheme?.lowercased() ?? ""
        if scheme.utf8.elementsEqual("http".utf8), isLoopbackHost(host),
           discoveryScheme.utf8.elementsEqual("http".utf8), isLoopbackHost(discoveryURL.host ?? "") {
            return
        }
        throw KeyProviderError(.insecureURL, stage: .jwks,
                               "the discovery document from \(discoveryURL.host ?? "?") names jwks_uri \(scheme)://\(host): refused, it must be https")
    }

    /// Fetches and reads a JWK Set.
    private func jwks(_ url: URL) async throws(KeyProviderError) -> JWKSet {
        let host = url.host ?? ""
        let body = try await get(url, stage: .jwks, limit: policy.maximumJWKSByteCount)
        let value: JSONValue
        do {
            value = try JSONReader.parse(body, limits: .init(maximumByteCount: policy.maximumJWKSByteCount, maximumDepth: 32))
        } catch {
            throw KeyProviderError(.jwksInvalid, stage: .jwks, "the JWK Set from \(host) is not strict JSON (\(error.reason.rawValue) at byte \(error.offset))")
        }
        guard value.objectValue?["keys"]?.arrayValue != nil else {
            throw KeyProviderError(.jwksInvalid, stage: .jwks, "the document from \(host) is not a JWK Set (no \"keys\" array)")
        }
        let keys: JWKSet
        do {
            keys = try JWKSet(json: value, minimumRSAModulusBitCount: policy.minimumRSAModulusBitCount)
        } catch {
            throw KeyProviderError(.jwksInvalid, stage: .jwks, "the JWK Set from \(host) was refused (\(error.reason.rawValue))")
        }
        if keys.keys.contains(where: { $0.keyType == .octet }) {
            throw KeyProviderError(.jwksInvalid, stage: .jwks, "the JWK Set from \(host) publishes symmetric (oct) secrets; refusing the whole set")
        }
        guard !keys.keys.isEmpty else {
            throw KeyProviderError(.jwksEmpty, stage: .jwks,
                                   "the JWK Set from \(host) has no usable key (\(keys.rejectedKeys.count) refused)")
        }
        return keys
    }

    /// GETs `url` and returns the body of a 2xx answer.
    private func get(_ url: URL, stage: KeyProviderError.Stage, limit: Int) async throws(KeyProviderError) -> [UInt8] {
        let host = url.host ?? ""
        let what = stage == .discovery ? "discovery document" : "JWK Set"
        let request = OutboundRequest(url: url, headers: [("Accept", "application/json")],
                                      timeout: policy.fetchTimeout, maximumResponseByteCount: limit)
        let response: OutboundResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            throw Self.error(for: error, stage: stage, what: what, host: host)
        }
        guard response.isSuccess else {
            throw KeyProviderError(.httpStatus, stage: stage, httpStatus: response.status,
                                   "the \(what) request to \(host)\(url.path) answered HTTP \(response.status)")
        }
        guard response.body.count <= limit else {   // a fetcher that ignored the cap
            throw KeyProviderError(.tooLarge, stage: stage, "the \(what) from \(host) is \(response.body.count) bytes; the limit is \(limit)")
        }
        return response.body
    }

    private static func error(for error: FetchError, stage: KeyProviderError.Stage, what: String, host: String) -> KeyProviderError {
        let reason: KeyProviderError.Reason
        switch error.reason {
        case .insecureURL: reason = .insecureURL
        case .timedOut: reason = .timedOut
        case .responseTooLarge: reason = .tooLarge
        case .cancelled: reason = .cancelled
        case .unreachable, .transport: reason = stage == .discovery ? .discoveryUnreachable : .jwksUnreachable
        }
        return KeyProviderError(reason, stage: stage, "the \(what) from \(host) could not be fetched: \(error.message)")
    }
}
