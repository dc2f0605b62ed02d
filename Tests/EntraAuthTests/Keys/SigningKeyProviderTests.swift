@testable import EntraAuthCore
import Foundation
import JOSE
import OutboundHTTP
import Testing

/// The provider against an in-memory fetcher: URLs requested, rotation, single flight,
/// cooldown, failures and last-good keys, limits, static keys, cancellation, status and events.
@Suite("SigningKeyProvider (fake fetcher)")
struct SigningKeyProviderTests {
    static let tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
    static let authority = "https://login.microsoftonline.com/\(tenant)/v2.0"
    static let discoveryURL = authority + "/.well-known/openid-configuration"
    static let jwksURL = "https://login.microsoftonline.com/\(tenant)/discovery/v2.0/keys"
    static let issuer = "https://login.microsoftonline.com/\(tenant)/v2.0"

    /// A fetcher serving discovery and a JWKS with `keys`.
    private func fetcher(_ keys: [(String, RSAPrivateKey)] = [("k1", TestKeys.first)]) -> FakeFetcher {
        let fetcher = FakeFetcher()
        fetcher.set(Self.discoveryURL, body: TestKeys.discovery(issuer: Self.issuer, jwksURI: Self.jwksURL))
        fetcher.set(Self.jwksURL, body: TestKeys.jwks(keys))
        return fetcher
    }

    private func provider(_ fetcher: FakeFetcher, policy: KeyRefreshPolicy = .init(), events: EventLog? = nil) throws -> SigningKeyProvider {
        SigningKeyProvider(source: try .openIDConnect(authority: Self.authority), fetcher: fetcher, policy: policy, onEvent: events?.callback)
    }

    @Test("discovery then jwks_uri, with the policy's timeout, size caps and Accept header")
    func fetchesDiscoveryThenJWKS() async throws {
        let fetcher = fetcher()
        var policy = KeyRefreshPolicy()
        policy.fetchTimeout = .seconds(3)
        let provider = try provider(fetcher, policy: policy)
        #expect(provider.currentKeys() == nil)
        #expect(provider.status.isLoaded == false)
        let snapshot = try await provider.refresh()
        #expect(fetcher.received.map(\.url) == [Self.discoveryURL, Self.jwksURL])
        #expect(fetcher.received.map(\.maximumResponseByteCount) == [256 << 10, 1 << 20])
        #expect(fetcher.received.allSatisfy { $0.timeout == .seconds(3) && $0.accept == "application/json" })
        #expect(snapshot.version == 1)
        #expect(snapshot.keyIDs == ["k1"])
        #expect(snapshot.issuer == Self.issuer)
        #expect(provider.currentKeys()?.version == 1)
        let status = provider.status
        #expect(status.isLoaded && status.keyCount == 1 && status.refreshCount == 1 && !status.isStale)
        #expect(status.keyAge != nil && status.lastSuccess != nil)
    }

    @Test("v1 authority, multi-tenant {tenantid} issuer kept verbatim")
    func v1AndTemplateIssuer() async throws {
        let fetcher = FakeFetcher()
        fetcher.set("https://login.microsoftonline.com/common/.well-known/openid-configuration",
                    body: TestKeys.discovery(issuer: "https://sts.windows.net/{tenantid}/", jwksURI: "https://login.microsoftonline.com/common/discovery/keys"))
        fetcher.set("https://login.microsoftonline.com/common/discovery/keys", body: TestKeys.jwks([("k1", TestKeys.first)]))
        let provider = SigningKeyProvider(source: try .openIDConnect(authority: "https://login.microsoftonline.com/common/"), fetcher: fetcher)
        let snapshot = try await provider.refresh()
        #expect(snapshot.issuer == "https://sts.windows.net/{tenantid}/")
        #expect(fetcher.received.map(\.url) == ["https://login.microsoftonline.com/common/.well-known/openid-configuration",
                                                "https://login.microsoftonline.com/common/discovery/keys"])
    }

    @Test("appid: on the discovery URL, and the document's jwks_uri is used as given")
    func appIDKeys() async throws {
        let fetcher = FakeFetcher()
        let app = "535fb089-9ff3-47b6-9bfb-4f1264799865"
        let jwks = Self.jwksURL + "?appid=" + app
        fetcher.set(Self.discoveryURL + "?appid=" + app, body: TestKeys.discovery(issuer: Self.issuer, jwksURI: jwks))
        fetcher.set(jwks, body: TestKeys.jwks([("app-key", TestKeys.second)]))
        let provider = SigningKeyProvider(source: try .openIDConnect(authority: Self.authority, appID: app), fetcher: fetcher)
        let snapshot = try await provider.refresh()
        #expect(fetcher.received.map(\.url) == [Self.discoveryURL + "?appid=" + app, jwks])
        #expect(snapshot.keyIDs == ["app-key"])
    }

    @Test("a direct JWKS source fetches only the JWKS and reports the caller's issuer")
    func directJWKS() async throws {
        let fetcher = fetcher()
        let provider = SigningKeyProvider(source: try .jwks(url: Self.jwksURL, issuer: "https://issuer.example"), fetcher: fetcher)
        let snapshot = try await provider.refresh()
        #expect(fetcher.received.map(\.url) == [Self.jwksURL])
        #expect(snapshot.issuer == "https://issuer.example")
    }

    @Test("rotation: an unknown kid refreshes, the version increments, the old kid is gone")
    func rotation() async throws {
        let fetcher = fetcher()
        let events = EventLog()
        let provider = try provider(fetcher, events: events)
        try await provider.refresh()
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k2", TestKeys.second)]))
        let refreshed = try #require(await provider.refreshForUnknownKey("k2"))
        #expect(refreshed.version == 2)
        #expect(refreshed.containsKey(withID: "k2"))
        #expect(!refreshed.containsKey(withID: "k1"))
        #expect(try refreshed.keys.key(for: .rs256, keyID: "k2").rsaPublicKey == TestKeys.second.publicKey)
        #expect(provider.currentKeys()?.version == 2)
        #expect(provider.status.unknownKeyRefreshCount == 1)
        #expect(events.all == [.refreshed(version: 1, added: ["k1"], removed: [], unknownKey: false),
                               .refreshed(version: 2, added: ["k2"], removed: ["k1"], unknownKey: true)])
    }

    @Test("an unchanged fetch keeps the version; a reordered set is unchanged; a new issuer is a change")
    func versionOnlyOnChange() async throws {
        let fetcher = fetcher([("k1", TestKeys.first), ("k2", TestKeys.second)])
        let provider = try provider(fetcher)
        let first = try await provider.refresh()
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k2", TestKeys.second), ("k1", TestKeys.first)]))
        let second = try await provider.refresh()
        #expect(second.version == first.version)
        #expect(second.fetchedAt >= first.fetchedAt)
        fetcher.set(Self.discoveryURL, body: TestKeys.discovery(issuer: "https://login.microsoftonline.com/{tenantid}/v2.0", jwksURI: Self.jwksURL))
        #expect(try await provider.refresh().version == first.version + 1)
    }

    @Test("200 concurrent unknown-kid refreshes cause exactly one fetch and all get its keys")
    func singleFlight() async throws {
        let fetcher = fetcher()
        let provider = try provider(fetcher)
        try await provider.refresh()
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k2", TestKeys.second)]), delay: .milliseconds(200))
        let versions = await withTaskGroup(of: UInt64?.self) { group in
            for index in 0..<200 {
                group.addTask { await provider.refreshForUnknownKey(index.isMultiple(of: 2) ? "k2" : "made-up-\(index)")?.version }
            }
            var versions: [UInt64?] = []
            for await version in group { versions.append(version) }
            return versions
        }
        #expect(fetcher.hits(Self.jwksURL) == 2)          // the initial load and one refresh
        #expect(fetcher.hits(Self.discoveryURL) == 2)
        #expect(versions.count == 200)
        #expect(versions.allSatisfy { $0 == 2 })
        #expect(provider.status.unknownKeyRefreshCount == 1)
    }

    @Test("the hot path never waits for a fetch in flight: it serves the previous snapshot")
    func hotPathDuringFetch() async throws {
        let fetcher = fetcher()
        let provider = try provider(fetcher)
        try await provider.refresh()
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k2", TestKeys.second)]), delay: .milliseconds(500))
        let refreshing = Task { await provider.refreshForUnknownKey("k2") }
        #expect(await eventually { fetcher.hits(Self.jwksURL) == 2 })
        let started = ContinuousClock.now
        let during = provider.currentKeys()
        #expect(ContinuousClock.now - started < .milliseconds(100))
        #expect(during?.version == 1 && during?.keyIDs == ["k1"])
        #expect(await refreshing.value?.version == 2)
    }

    @Test("a kid that differs only by Unicode normalization is a change (bytes, not String ==)")
    func keyIDBytes() async throws {
        let fetcher = fetcher([("K1", TestKeys.first)])
        let provider = try provider(fetcher)
        try await provider.refresh()
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("\u{212A}1", TestKeys.first)]))   // KELVIN SIGN + "1"
        let snapshot = try await provider.refresh()
        #expect(snapshot.version == 2)
        #expect(snapshot.containsKey(withID: "\u{212A}1"))
        #expect(!snapshot.containsKey(withID: "K1"))
    }

    @Test("cooldown: counted from the last unknown-kid refresh, not from scheduled fetches")
    func cooldown() async throws {
        let fetcher = fetcher()
        var policy = KeyRefreshPolicy()
        policy.unknownKeyCooldown = .seconds(1)
        let provider = try provider(fetcher, policy: policy)
        try await provider.refresh()                                    // scheduled-style fetch: no cooldown
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k2", TestKeys.second)]))
        #expect(await provider.refreshForUnknownKey("k2")?.version == 2)   // picked up at once
        #expect(fetcher.hits(Self.jwksURL) == 2)
        let cooldownStarted = ContinuousClock.now

        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k3", TestKeys.first)]))
        #expect(await provider.refreshForUnknownKey("k3")?.version == 2)   // within the cooldown: no fetch
        #expect(await provider.refreshForUnknownKey(nil)?.version == 2)
        #expect(fetcher.hits(Self.jwksURL) == 2)
        #expect(ContinuousClock.now - cooldownStarted < .seconds(1), "the machine was too slow for this check")

        try await provider.refresh()                                    // a scheduled fetch inside the cooldown…
        #expect(fetcher.hits(Self.jwksURL) == 3)
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k4", TestKeys.second)]))
        #expect(await provider.refreshForUnknownKey("k4")?.containsKey(withID: "k4") == false)   // …does not end it
        #expect(fetcher.hits(Self.jwksURL) == 3)

        try await Task.sleep(until: cooldownStarted + .milliseconds(1100))
        #expect(await provider.refreshForUnknownKey("k4")?.containsKey(withID: "k4") == true)    // cooldown over
        #expect(fetcher.hits(Self.jwksURL) == 4)
        #expect(provider.status.unknownKeyRefreshCount == 2)
    }

    @Test("an unknown kid already served (another refresh brought it) costs no fetch")
    func alreadyServedKid() async throws {
        let fetcher = fetcher()
        let provider = try provider(fetcher)
        try await provider.refresh()
        #expect(await provider.refreshForUnknownKey("k1")?.version == 1)
        #expect(fetcher.hits(Self.jwksURL) == 1)
        #expect(provider.status.unknownKeyRefreshCount == 0)
    }

    @Test("before any keys loaded, an unknown-kid refresh loads them")
    func unknownKidBeforeLoad() async throws {
        let provider = try provider(fetcher())
        #expect(await provider.refreshForUnknownKey("k1")?.keyIDs == ["k1"])
    }

    @Test("failures never replace good keys: garbage, 500, 404, too large, empty, private keys, oct secrets",
          arguments: [
            ("garbage", FakeFetcher.Reply(body: Array("<html>oops</html>".utf8)), KeyProviderError.Reason.jwksInvalid),
            ("500", FakeFetcher.Reply(status: 500, body: Array("{}".utf8)), .httpStatus),
            ("404", FakeFetcher.Reply(status: 404), .httpStatus),
            ("10 MB", FakeFetcher.Reply(body: [UInt8](repeating: 0x20, count: 10 << 20)), .tooLarge),
            ("not a set", FakeFetcher.Reply(body: Array(#"{"kty":"RSA"}"#.utf8)), .jwksInvalid),
            ("empty", FakeFetcher.Reply(body: Array(#"{"keys":[]}"#.utf8)), .jwksEmpty),
            ("only bad keys", FakeFetcher.Reply(body: Array(#"{"keys":[\#(TestKeys.badKey)]}"#.utf8)), .jwksEmpty),
            ("duplicate member", FakeFetcher.Reply(body: Array(#"{"keys":[],"keys":[]}"#.utf8)), .jwksInvalid),
            ("private key", FakeFetcher.Reply(body: TestKeys.withPrivateMember), .jwksInvalid),
            ("oct secret", FakeFetcher.Reply(body: Array(#"{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}]}"#.utf8)), .jwksInvalid),
            ("unreachable", FakeFetcher.Reply(error: FetchError(.unreachable, "refused")), .jwksUnreachable),
            ("timeout", FakeFetcher.Reply(error: FetchError(.timedOut, "slow")), .timedOut),
          ])
    func lastGoodKeysSurvive(_ name: String, _ reply: FakeFetcher.Reply, _ reason: KeyProviderError.Reason) async throws {
        let fetcher = fetcher()
        let events = EventLog()
        let provider = try provider(fetcher, events: events)
        try await provider.refresh()
        fetcher.set(Self.jwksURL, reply)
        let error = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
        #expect(error?.reason == reason, "\(name): \(String(describing: error))")
        #expect(error?.stage == .jwks)
        if reason == .httpStatus { #expect(error?.httpStatus == reply.status) }
        #expect(error?.message.contains("login.microsoftonline.com") == true)
        #expect(error?.message.contains("oops") == false)
        #expect(await provider.refreshForUnknownKey("k9")?.keyIDs == ["k1"], "\(name)")
        #expect(provider.currentKeys()?.version == 1)
        let status = provider.status
        #expect(status.isLoaded && status.keyCount == 1)
        #expect(status.lastFailure?.reason == reason)
        #expect(status.consecutiveFailures == 2 && status.refreshFailureCount == 2)
        #expect(events.all.last == .failed(reason))
    }

    @Test("discovery failures: bad JSON, missing or non-string members, HTTP status")
    func discoveryFailures() async throws {
        let cases: [(FakeFetcher.Reply, KeyProviderError.Reason)] = [
            (FakeFetcher.Reply(body: Array("{".utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(body: Array(#"{"issuer":"x"}"#.utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(body: Array(#"{"jwks_uri":"https://a/keys"}"#.utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(body: Array(#"{"issuer":"x","jwks_uri":42}"#.utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(body: Array(#"{"issuer":7,"jwks_uri":"https://a/keys"}"#.utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(body: Array(#"{"issuer":"x","jwks_uri":"/relative/keys"}"#.utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(body: Array(#"["issuer"]"#.utf8)), .discoveryInvalid),
            (FakeFetcher.Reply(status: 503), .httpStatus),
            (FakeFetcher.Reply(body: [UInt8](repeating: 0x20, count: 300 << 10)), .tooLarge),
            (FakeFetcher.Reply(error: FetchError(.unreachable, "refused")), .discoveryUnreachable),
        ]
        for (reply, reason) in cases {
            let fetcher = fetcher()
            fetcher.set(Self.discoveryURL, reply)
            let provider = try provider(fetcher)
            let error = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
            #expect(error?.reason == reason, "\(String(describing: error))")
            #expect(error?.stage == .discovery)
            #expect(fetcher.hits(Self.jwksURL) == 0)
            #expect(provider.currentKeys() == nil)
        }
    }

    @Test("a JWKS with one bad key and one good: the good one is used, the bad one set aside")
    func oneBadOneGood() async throws {
        let fetcher = fetcher()
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("good", TestKeys.first)], extra: [TestKeys.badKey, #"{"kty":"OKP","kid":"ed","crv":"Ed25519","x":"AAAA"}"#]))
        let provider = try provider(fetcher)
        let snapshot = try await provider.refresh()
        #expect(snapshot.keyIDs == ["good"])
        #expect(try snapshot.keys.key(for: .rs256, keyID: "good").rsaPublicKey == TestKeys.first.publicKey)
        #expect(provider.status.rejectedKeyCount == 2)
    }

    @Test("jwks_uri over plain http is refused unless discovery itself was loopback http; nothing is fetched")
    func insecureJWKSURI() async throws {
        for (authority, jwksURI) in [(Self.authority, "http://login.microsoftonline.com/keys"),
                                     (Self.authority, "http://127.0.0.1:9/keys"),
                                     ("http://127.0.0.1:9/t/", "http://keys.example.com/keys"),
                                     (Self.authority, "ftp://keys.example.com/keys")] {
            let fetcher = FakeFetcher()
            let discovery = try #require(SigningKeySource.openIDConnect(authority: authority).firstURL?.absoluteString)
            fetcher.set(discovery, body: TestKeys.discovery(issuer: "x", jwksURI: jwksURI))
            fetcher.set(jwksURI, body: TestKeys.jwks([("k1", TestKeys.first)]))
            let provider = SigningKeyProvider(source: try .openIDConnect(authority: authority), fetcher: fetcher)
            let error = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
            #expect(error?.reason == .insecureURL, "\(jwksURI): \(String(describing: error))")
            #expect(fetcher.hits(jwksURI) == 0)
        }
        // The emulator: loopback http discovery naming a loopback http jwks_uri is fine.
        let fetcher = FakeFetcher()
        fetcher.set("http://127.0.0.1:9/t/.well-known/openid-configuration", body: TestKeys.discovery(issuer: "http://127.0.0.1:9/t/", jwksURI: "http://127.0.0.1:9/t/keys"))
        fetcher.set("http://127.0.0.1:9/t/keys", body: TestKeys.jwks([("k1", TestKeys.first)]))
        let provider = SigningKeyProvider(source: try .openIDConnect(authority: "http://127.0.0.1:9/t/"), fetcher: fetcher)
        #expect(try await provider.refresh().keyIDs == ["k1"])
    }

    @Test("static keys: loaded at once, never fetched, run() only waits for cancellation")
    func staticKeys() async throws {
        let fetcher = FakeFetcher()
        let keys = try JWKSet(parsing: TestKeys.jwks([("k1", TestKeys.first)]))
        let provider = SigningKeyProvider(source: .staticKeys(keys, issuer: "https://issuer.example"), fetcher: fetcher)
        #expect(provider.currentKeys()?.version == 1)
        #expect(provider.currentKeys()?.issuer == "https://issuer.example")
        #expect(await provider.waitUntilLoaded(timeout: .zero))
        #expect(await provider.refreshForUnknownKey("other")?.keyIDs == ["k1"])
        #expect(try await provider.refresh().version == 1)
        let task = Task { try await provider.run() }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        try await task.value
        #expect(fetcher.received.isEmpty)
        #expect(provider.status.isStale == false && provider.status.refreshCount == 0)
    }

    @Test("provider down at start: nil until it answers, backoff capped, recovers without restart")
    func downAtStart() async throws {
        let fetcher = fetcher()
        fetcher.set(Self.discoveryURL, FakeFetcher.Reply(error: FetchError(.unreachable, "connection refused")))
        var policy = KeyRefreshPolicy()
        policy.initialRetryDelay = .milliseconds(5)
        policy.maximumRetryDelay = .milliseconds(20)
        let provider = try provider(fetcher, policy: policy)
        let task = Task { try await provider.run() }
        defer { task.cancel() }
        #expect(await provider.waitUntilLoaded(timeout: .milliseconds(100)) == false)
        // 12 attempts: 5 + 10 + 20 × 9 ms ≈ 0.2 s with the cap; uncapped doubling would need ≈ 20 s.
        #expect(await eventually(within: .seconds(4)) { fetcher.hits(Self.discoveryURL) >= 12 })
        #expect(provider.currentKeys() == nil)
        #expect(provider.status.consecutiveFailures >= 12)
        #expect(provider.status.isLoaded == false)
        #expect(provider.status.lastFailure?.reason == .discoveryUnreachable)
        fetcher.set(Self.discoveryURL, body: TestKeys.discovery(issuer: Self.issuer, jwksURI: Self.jwksURL))
        #expect(await provider.waitUntilLoaded(timeout: .seconds(5)))
        #expect(provider.currentKeys()?.keyIDs == ["k1"])
        #expect(provider.status.consecutiveFailures == 0)
        let hits = fetcher.hits(Self.discoveryURL)
        try await Task.sleep(for: .milliseconds(100))
        #expect(fetcher.hits(Self.discoveryURL) == hits)           // back on the 12 h schedule
    }

    @Test("retry delays double from the initial delay up to the cap; scheduled delays stay within interval ± jitter")
    func delays() {
        let policy = KeyRefreshPolicy()
        #expect((1...8).map { policy.retryDelay(afterFailures: $0) }
                == [1, 2, 4, 8, 16, 30, 30, 30].map { Duration.seconds($0) })
        #expect(policy.retryDelay(afterFailures: 10_000) == .seconds(30))
        var generator = SystemRandomNumberGenerator()
        let delays = (0..<200).map { _ in policy.scheduledDelay(using: &generator) }
        #expect(delays.allSatisfy { $0 >= .seconds(11 * 3600) && $0 <= .seconds(13 * 3600) })
        #expect(Set(delays).count > 1)
    }

    @Test("run() refreshes on schedule")
    func scheduledRefresh() async throws {
        let fetcher = fetcher()
        var policy = KeyRefreshPolicy()
        policy.refreshInterval = .milliseconds(30)
        policy.jitter = .milliseconds(10)
        let provider = try provider(fetcher, policy: policy)
        let task = Task { try await provider.run() }
        defer { task.cancel() }
        #expect(await eventually { fetcher.hits(Self.jwksURL) >= 3 })
        #expect(provider.status.unknownKeyRefreshCount == 0)
    }

    @Test("run() stops promptly when cancelled, while sleeping and during a slow fetch")
    func cancellation() async throws {
        let fetcher = fetcher()
        let provider = try provider(fetcher)
        let sleeping = Task { try await provider.run() }
        #expect(await provider.waitUntilLoaded(timeout: .seconds(5)))
        var started = ContinuousClock.now
        sleeping.cancel()
        try await sleeping.value
        #expect(ContinuousClock.now - started < .milliseconds(500))

        let slowFetcher = self.fetcher()
        slowFetcher.set(Self.discoveryURL, FakeFetcher.Reply(body: TestKeys.discovery(issuer: Self.issuer, jwksURI: Self.jwksURL), delay: .seconds(30)))
        let events = EventLog()
        let slow = try self.provider(slowFetcher, events: events)
        let fetching = Task { try await slow.run() }
        #expect(await eventually { slowFetcher.hits(Self.discoveryURL) == 1 })
        started = ContinuousClock.now
        fetching.cancel()
        try await fetching.value
        #expect(ContinuousClock.now - started < .milliseconds(500))
        #expect(slow.status.refreshFailureCount == 0)       // a cancelled fetch is not a failure
        #expect(events.all.isEmpty)
    }

    @Test("waitUntilLoaded times out, and returns true once keys load")
    func waitUntilLoaded() async throws {
        let fetcher = fetcher()
        fetcher.set(Self.jwksURL, FakeFetcher.Reply(body: TestKeys.jwks([("k1", TestKeys.first)]), delay: .milliseconds(200)))
        let provider = try provider(fetcher)
        var started = ContinuousClock.now
        #expect(await provider.waitUntilLoaded(timeout: .milliseconds(50)) == false)
        #expect(ContinuousClock.now - started < .seconds(1))
        let task = Task { try await provider.run() }
        defer { task.cancel() }
        started = ContinuousClock.now
        #expect(await provider.waitUntilLoaded(timeout: .seconds(10)))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(provider.currentKeys() != nil)
    }

    @Test("stale: reported in status after staleAfter, one event per stale period, cleared by a success")
    func staleness() async throws {
        let fetcher = fetcher()
        var policy = KeyRefreshPolicy()
        policy.staleAfter = .milliseconds(50)
        let events = EventLog()
        let provider = try provider(fetcher, policy: policy, events: events)
        try await provider.refresh()
        #expect(provider.status.isStale == false)
        try await Task.sleep(for: .milliseconds(80))
        #expect(provider.status.isStale)
        fetcher.set(Self.jwksURL, FakeFetcher.Reply(status: 500))
        _ = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
        _ = await providerError { () throws(KeyProviderError) in try await provider.refresh() }
        #expect(events.all.filter { $0 == .stale }.count == 1)
        #expect(provider.currentKeys()?.keyIDs == ["k1"])         // stale keys are still served
        fetcher.set(Self.jwksURL, body: TestKeys.jwks([("k1", TestKeys.first)]))
        try await provider.refresh()
        #expect(provider.status.isStale == false)
    }
}
