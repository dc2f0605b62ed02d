import EntraAuthCore
import Foundation
import JOSE
import OutboundHTTP
import Testing

/// The provider with the real ``URLSessionFetcher`` against a fake identity provider on a
/// loopback socket.
@Suite("SigningKeyProvider over loopback")
struct SigningKeyProviderLoopbackTests {
    private static func fastPolicy() -> KeyRefreshPolicy {
        var policy = KeyRefreshPolicy()
        policy.initialRetryDelay = .milliseconds(10)
        policy.maximumRetryDelay = .milliseconds(40)
        policy.fetchTimeout = .seconds(5)
        return policy
    }

    @Test("discovery then JWKS over loopback http (the emulator shape); appid passes through to the jwks_uri")
    func discoveryOverLoopback() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([("k1", TestKeys.first)])) { idp, authority in
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority, appID: "app-1"))
            let snapshot = try await provider.refresh()
            #expect(snapshot.keyIDs == ["k1"])
            #expect(snapshot.issuer == authority)
            #expect(idp.discoveryAppIDs == ["app-1"])
            #expect(idp.jwksAppIDs == ["app-1"])
            #expect(try snapshot.keys.key(for: .rs256, keyID: "k1").rsaPublicKey == TestKeys.first.publicKey)
        }
    }

    @Test("rotation: 200 concurrent unknown-kid callers share one fetch and all see the new key")
    func rotationSingleFlight() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([("k1", TestKeys.first)])) { idp, authority in
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority), policy: Self.fastPolicy())
            let run = Task { try await provider.run() }
            defer { run.cancel() }
            #expect(await provider.waitUntilLoaded(timeout: .seconds(10)))
            idp.setJWKS(body: TestKeys.jwks([("k2", TestKeys.second)]))
            idp.setJWKS(.slow(.milliseconds(200)))
            let snapshots = await withTaskGroup(of: SigningKeySnapshot?.self) { group in
                for _ in 0..<200 { group.addTask { await provider.refreshForUnknownKey("k2") } }
                var all: [SigningKeySnapshot?] = []
                for await snapshot in group { all.append(snapshot) }
                return all
            }
            #expect(idp.discoveryHits == 2)
            #expect(idp.jwksHits == 2)
            #expect(snapshots.allSatisfy { $0?.version == 2 && $0?.keyIDs == ["k2"] })
            #expect(provider.currentKeys()?.containsKey(withID: "k1") == false)
        }
    }

    @Test("provider down at start: nil until it answers, then loads without a restart")
    func downAtStart() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([("k1", TestKeys.first)])) { idp, authority in
            idp.setDiscovery(.status(503))
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority), policy: Self.fastPolicy())
            let run = Task { try await provider.run() }
            defer { run.cancel() }
            #expect(await eventually { idp.discoveryHits >= 3 })
            #expect(provider.currentKeys() == nil)
            let failure = try #require(provider.status.lastFailure)
            #expect(failure.reason == .httpStatus && failure.httpStatus == 503 && failure.stage == .discovery)
            #expect(failure.message.contains("127.0.0.1") && failure.message.contains("503"))
            #expect(!failure.message.contains("secret-body-text"))
            idp.setDiscovery(.ok)
            #expect(await provider.waitUntilLoaded(timeout: .seconds(10)))
            #expect(provider.currentKeys()?.keyIDs == ["k1"])
        }
    }

    @Test("nothing listening: discoveryUnreachable")
    func unreachable() async throws {
        let provider = SigningKeyProvider(source: try .openIDConnect(authority: "http://127.0.0.1:1/t/"))
        let error = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
        #expect(error?.reason == .discoveryUnreachable, "\(String(describing: error))")
        #expect(provider.currentKeys() == nil)
    }

    @Test("slow (timeout), garbage, 10 MB, 500 and 404: the last good keys keep serving")
    func failuresKeepLastGood() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([("k1", TestKeys.first)])) { idp, authority in
            var policy = Self.fastPolicy()
            policy.fetchTimeout = .milliseconds(300)
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority), policy: policy)
            try await provider.refresh()
            let cases: [(FakeIdentityProvider.Behaviour, KeyProviderError.Reason)] = [
                (.slow(.milliseconds(1500)), .timedOut), (.garbage, .jwksInvalid), (.huge(10 << 20), .tooLarge),
                (.status(500), .httpStatus), (.status(404), .httpStatus),
            ]
            for (behaviour, reason) in cases {
                idp.setJWKS(behaviour)
                let started = ContinuousClock.now
                let error = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
                #expect(error?.reason == reason, "\(behaviour): \(String(describing: error))")
                #expect(error?.message.contains("secret-body-text") == false)
                #expect(ContinuousClock.now - started < .seconds(1.2), "\(behaviour)")
                #expect(provider.currentKeys()?.version == 1)
                #expect(provider.currentKeys()?.keyIDs == ["k1"])
            }
            #expect(provider.status.refreshFailureCount == cases.count)
            idp.setJWKS(.ok)
            try await provider.refresh()
            #expect(provider.status.consecutiveFailures == 0)
        }
    }

    @Test("a jwks_uri on plain http to a non-loopback host is refused before any request")
    func insecureJWKSURI() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([("k1", TestKeys.first)])) { idp, authority in
            idp.setJWKSURI("http://keys.example.com/\(FakeIdentityProvider.tenant)/discovery/v2.0/keys")
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority))
            let error = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
            #expect(error?.reason == .insecureURL)
            #expect(error?.stage == .jwks)
            #expect(idp.jwksHits == 0)
        }
    }

    @Test("run() stops promptly when cancelled during a slow fetch")
    func cancellationDuringFetch() async throws {
        try await FakeIdentityProvider.with(jwks: TestKeys.jwks([("k1", TestKeys.first)])) { idp, authority in
            idp.setDiscovery(.slow(.seconds(2)))
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority))
            let run = Task { try await provider.run() }
            #expect(await eventually { idp.discoveryHits == 1 })
            let started = ContinuousClock.now
            run.cancel()
            try await run.value
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .milliseconds(500), "run() took \(elapsed) to stop")
            #expect(provider.status.refreshFailureCount == 0)
        }
    }
}
