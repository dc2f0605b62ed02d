import EntraAuthCore
import Foundation
import JOSE
import OutboundHTTP
import Synchronization
import TestSupport
import Testing

/// RSA keys for the key-provider tests: fixed ones (see `FixedTestKeys`), since generating keys
/// at test time would stall the cooperative pool (two threads here) under the timing tests.
enum TestKeys {
    private static let pair = (FixedTestKeys.rsa(2), FixedTestKeys.rsa(3))
    static var first: RSAPrivateKey { pair.0 }
    static var second: RSAPrivateKey { pair.1 }

    /// A JWK Set document with the given `(kid, key)` pairs, plus raw extra entries.
    static func jwks(_ keys: [(String, RSAPrivateKey)], extra: [String] = [], issuer: String? = nil) -> [UInt8] {
        var entries = keys.map { keyID, key -> String in
            var object = JWK(material: .rsa(key.publicKey), keyID: keyID, use: "sig").jsonObject
            if let issuer { object = JSONObject(object.members + [JSONObject.Member(name: "issuer", value: .string(issuer))]) }
            return JSONWriter.serialize(.object(object))
        }
        entries += extra
        return Array(#"{"keys":[\#(entries.joined(separator: ","))]}"#.utf8)
    }

    /// A discovery document naming `jwksURI`.
    static func discovery(issuer: String, jwksURI: String) -> [UInt8] {
        Array(#"{"issuer":"\#(issuer)","jwks_uri":"\#(jwksURI)","id_token_signing_alg_values_supported":["RS256"]}"#.utf8)
    }

    /// An RSA JWK whose modulus is far too short: refused when a set loads.
    static let badKey = #"{"kty":"RSA","kid":"bad","use":"sig","n":"AQAB","e":"AQAB"}"#

    /// A JWK Set whose one key carries a private member (`d`): the whole set must be refused.
    static var withPrivateMember: [UInt8] {
        let key = JSONWriter.serialize(.object(JWK(material: .rsa(first.publicKey), keyID: "p").jsonObject))
        return Array(#"{"keys":[\#(key.replacingOccurrences(of: #"{"kty""#, with: #"{"d":"AQAB","kty""#))]}"#.utf8)
    }
}

extension FakeFetcher.Reply: CustomTestStringConvertible {
    /// Short, so test output never dumps a 10 MB body.
    var testDescription: String {
        error.map { "error \($0.reason)" } ?? "HTTP \(status), \(body.count) bytes\(delay.map { ", after \($0)" } ?? "")"
    }
}

/// An in-memory ``HTTPFetcher``: answers per exact URL, records every request, can delay or fail.
final class FakeFetcher: HTTPFetcher {
    /// How one URL answers.
    struct Reply: Sendable {
        var status = 200
        var body: [UInt8] = []
        var delay: Duration? = nil
        var error: FetchError? = nil
    }

    /// A request as received.
    struct Received: Sendable {
        var url: String
        var timeout: Duration
        var maximumResponseByteCount: Int
        var accept: String?
    }

    private struct State {
        var replies: [String: Reply] = [:]
        var received: [Received] = []
    }

    private let state = Mutex(State())

    /// Sets how `url` answers.
    func set(_ url: String, _ reply: Reply) {
        state.withLock { $0.replies[url] = reply }
    }

    /// Sets a 200 answer with `body` for `url`.
    func set(_ url: String, body: [UInt8], delay: Duration? = nil) {
        set(url, Reply(body: body, delay: delay))
    }

    /// Every request so far.
    var received: [Received] { state.withLock { $0.received } }

    /// How many requests went to `url`.
    func hits(_ url: String) -> Int { received.filter { $0.url == url }.count }

    func fetch(_ request: OutboundRequest) async throws(FetchError) -> OutboundResponse {
        let url = request.url.absoluteString
        let reply = state.withLock { state -> Reply? in
            state.received.append(Received(url: url, timeout: request.timeout, maximumResponseByteCount: request.maximumResponseByteCount,
                                           accept: request.headers.first { $0.name.lowercased() == "accept" }?.value))
            return state.replies[url]
        }
        guard let reply else { return OutboundResponse(status: 404) }
        if let delay = reply.delay {
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw FetchError(.cancelled, "cancelled")
            }
        }
        if let error = reply.error { throw error }
        if reply.body.count > request.maximumResponseByteCount {
            throw FetchError(.responseTooLarge, "\(reply.body.count) bytes over \(request.maximumResponseByteCount)")
        }
        return OutboundResponse(status: reply.status, body: reply.body)
    }
}

/// Collects a provider's events.
final class EventLog: Sendable {
    private let events = Mutex<[KeyProviderEventRecord]>([])

    var all: [KeyProviderEventRecord] { events.withLock { $0 } }

    func record(_ event: KeyProviderEventRecord) { events.withLock { $0.append(event) } }
}

/// A ``KeyProviderEvent`` flattened for assertions.
enum KeyProviderEventRecord: Sendable, Equatable {
    case refreshed(version: UInt64, added: [String], removed: [String], unknownKey: Bool)
    case failed(KeyProviderError.Reason)
    case stale

    init(_ event: KeyProviderEvent) {
        switch event {
        case .refreshed(let change):
            self = .refreshed(version: change.version, added: change.addedKeyIDs, removed: change.removedKeyIDs, unknownKey: change.forUnknownKey)
        case .refreshFailed(let error): self = .failed(error.reason)
        case .stale: self = .stale
        }
    }
}

extension EventLog {
    /// A callback that records into this log.
    var callback: @Sendable (KeyProviderEvent) -> Void {
        { [self] event in record(KeyProviderEventRecord(event)) }
    }
}

/// Waits (polling every 5 ms) until `condition` holds or `timeout` passes; returns whether it held.
func eventually(within timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// The error `body` throws, or nil.
func providerError(_ body: () async throws(KeyProviderError) -> Void) async -> KeyProviderError? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}
