// libFuzzer target: OpenID discovery document and JWK Set as fetched (SigningKeyProvider with
// KeySetDownloader and OpenIDDiscoveryDocument), through an in-memory HTTPFetcher.
//
// Input: the bytes before the first 0xFF (never part of valid UTF-8 JSON) are the discovery
// document, the bytes after it the JWK Set; without a 0xFF both answers are the whole input.
// The authority is https, so every jwks_uri must be https too. Not part of the SwiftPM package.
//
// Properties: no crash, no hang; the fetcher is asked for the discovery URL first and, only when
// the document is accepted, for exactly the https `jwks_uri` it names; a refresh that succeeds
// yields a non-empty key set without symmetric keys, the document's issuer, and loaded keys
// (currentKeys); a refusal leaves the provider without keys and with a failure recorded; a second
// provider fed the same bytes gives the same verdict.

import Foundation
import OutboundHTTP
import Synchronization
@testable import EntraAuthCore
@testable import JOSE

private let authority = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"

/// Answers the discovery URL with one body and anything else with the other; records the URLs.
private final class ScriptedFetcher: HTTPFetcher {
    let discovery: [UInt8]
    let jwks: [UInt8]
    let requested = Mutex<[URL]>([])

    init(discovery: [UInt8], jwks: [UInt8]) {
        self.discovery = discovery
        self.jwks = jwks
    }

    func fetch(_ request: OutboundRequest) async throws(FetchError) -> OutboundResponse {
        let isFirst = requested.withLock { list in
            list.append(request.url)
            return list.count == 1
        }
        let body = isFirst ? discovery : jwks
        guard body.count <= request.maximumResponseByteCount else {
            throw FetchError(.responseTooLarge, "\(body.count) bytes")
        }
        return OutboundResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
    }
}

private struct Verdict: Equatable {
    var reason: String?
    var issuer: String?
    var keyCount = 0
    var urls: [String] = []
}

private func refresh(_ discovery: [UInt8], _ jwks: [UInt8]) -> (Verdict, SigningKeyProvider, SigningKeySnapshot?) {
    let fetcher = ScriptedFetcher(discovery: discovery, jwks: jwks)
    let source: SigningKeySource
    do {
        source = try .openIDConnect(authority: authority)
    } catch {
        fatalError("fixed authority refused: \(error)")
    }
    let provider = SigningKeyProvider(source: source, fetcher: fetcher, policy: KeyRefreshPolicy(maximumDiscoveryByteCount: 4096, maximumJWKSByteCount: 4096))
    let outcome = runBlocking { () -> Result<SigningKeySnapshot, KeyProviderError> in
        do throws(KeyProviderError) {
            return .success(try await provider.refresh())
        } catch {
            return .failure(error)
        }
    }
    var verdict = Verdict(urls: fetcher.requested.withLock { $0.map(\.absoluteString) })
    switch outcome {
    case .success(let snapshot):
        verdict.issuer = snapshot.issuer
        verdict.keyCount = snapshot.keys.keys.count
        return (verdict, provider, snapshot)
    case .failure(let error):
        verdict.reason = error.reason.rawValue
        return (verdict, provider, nil)
    }
}

/// Entry point, called by EntraFuzzMain.swift for the `key-discovery` target.
func fuzzKeyDiscovery(_ bytes: UnsafeRawBufferPointer) {
    let discovery: [UInt8]
    let jwks: [UInt8]
    if let separator = bytes.firstIndex(of: 0xFF) {
        discovery = Array(bytes[..<separator])
        jwks = Array(bytes[(separator + 1)...])
    } else {
        discovery = Array(bytes)
        jwks = discovery
    }
    let (verdict, provider, snapshot) = refresh(discovery, jwks)
    let (again, _, _) = refresh(discovery, jwks)
    guard verdict == again else { fatalError("two providers fed the same bytes differ: \(verdict) vs \(again)") }

    guard let first = verdict.urls.first, first.hasSuffix("/v2.0/.well-known/openid-configuration") else {
        fatalError("the first request was not the discovery document: \(verdict.urls)")
    }
    guard verdict.urls.count <= 2 else { fatalError("more than two requests for one refresh: \(verdict.urls)") }
    let document = try? OpenIDDiscoveryDocument(parsing: discovery, host: "login.microsoftonline.com", maximumByteCount: 4096)
    if verdict.urls.count == 2 {
        guard let document else { fatalError("fetched a JWK Set although the discovery document is refused") }
        guard verdict.urls[1] == document.jwksURL.absoluteString else { fatalError("fetched \(verdict.urls[1]), not the jwks_uri \(document.jwksURL)") }
        guard document.jwksURL.scheme?.lowercased() == "https" else { fatalError("fetched a non-https jwks_uri \(verdict.urls[1])") }
    }
    if let snapshot {
        guard verdict.urls.count == 2 else { fatalError("keys without a JWK Set fetch") }
        guard !snapshot.keys.keys.isEmpty else { fatalError("an empty key set was accepted") }
        guard !snapshot.keys.keys.contains(where: { $0.keyType == .octet }) else { fatalError("a symmetric key was accepted from the network") }
        guard snapshot.issuer == document?.issuer else { fatalError("snapshot issuer \(String(describing: snapshot.issuer)) is not the document's") }
        guard provider.currentKeys()?.version == snapshot.version else { fatalError("refreshed keys are not current") }
    } else {
        guard provider.currentKeys() == nil else { fatalError("a failed first refresh left keys loaded") }
        guard provider.status.lastFailure != nil, provider.status.consecutiveFailures == 1 else { fatalError("a failed refresh was not recorded") }
    }
}
