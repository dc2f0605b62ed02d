import EntraAuthCore
import Foundation
import JOSE
import Synchronization
import Testing

/// The validated-token cache: hits skip signature work, every hit re-checks lifetime and key,
/// only successes are cached, and it stays within its limits.
@Suite("Validated-token cache")
struct TokenCacheTests {
    /// A clock tests can move.
    final class Clock: Sendable {
        let seconds = Mutex(TestTokens.now)
        func read() -> Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
        func advance(_ delta: Double) { seconds.withLock { $0 += delta } }
    }

    @Test("a second validation of the same token is a hit; a different token is a miss")
    func hitAndMiss() async throws {
        let validator = TestTokens.validator()
        let token = TestTokens.token()
        _ = try await validator.validate(token)
        _ = try await validator.validate(token)
        #expect(validator.metrics.cacheMisses == 1)
        #expect(validator.metrics.cacheHits == 1)
        _ = try await validator.validate(TestTokens.token(["uti": .string("other")]))
        #expect(validator.metrics.cacheMisses == 2)
    }

    @Test("a cached token past exp is refused as expired on the next request")
    func expiryRechecked() async throws {
        let clock = Clock()
        let validator = EntraTokenValidator(policy: TokenValidationPolicy(audiences: [TestTokens.audience], clockSkew: .zero),
                                            keys: StaticKeys(TestTokens.keySet(), issuer: TestTokens.issuerV2), now: clock.read)
        let token = TestTokens.token()
        _ = try await validator.validate(token)
        clock.advance(3601)
        let error = await refusal { () throws(EntraAuthError) in try await validator.validate(token) }
        #expect(error?.reason == .expired)
        #expect(validator.cacheUsage.entries == 0)
    }

    @Test("a cached token whose key is no longer published is refused after the key set changes")
    func keyUnpublished() async throws {
        let keys = StaticKeys(TestTokens.keySet(), issuer: TestTokens.issuerV2)
        let validator = TestTokens.validator(keys: keys)
        let token = TestTokens.token()
        _ = try await validator.validate(token)
        keys.replace(TestTokens.keySet([TestTokens.jwk(TestTokens.otherKey, keyID: "new")]), issuer: TestTokens.issuerV2, version: 2)
        let error = await refusal { () throws(EntraAuthError) in try await validator.validate(token) }
        #expect(error?.reason == .unknownSigningKey)
    }

    @Test("a cached token stays a hit when the key set changes but its key is still there")
    func keyStillPublished() async throws {
        let keys = StaticKeys(TestTokens.keySet(), issuer: TestTokens.issuerV2)
        let validator = TestTokens.validator(keys: keys)
        let token = TestTokens.token()
        _ = try await validator.validate(token)
        keys.replace(TestTokens.keySet([TestTokens.jwk(), TestTokens.jwk(TestTokens.otherKey, keyID: "new")]), issuer: TestTokens.issuerV2, version: 2)
        _ = try await validator.validate(token)
        #expect(validator.metrics.cacheHits == 1)
    }

    @Test("refusals are never cached")
    func refusalsNotCached() async throws {
        let validator = TestTokens.validator()
        let bad = TestTokens.token(["aud": .string("api://other")])
        for _ in 0..<3 { _ = await refusal { () throws(EntraAuthError) in try await validator.validate(bad) } }
        #expect(validator.cacheUsage.entries == 0)
        #expect(validator.metrics.refusedCount(.audienceNotAccepted) == 3)
    }

    @Test("entry count is bounded, least recently used evicted first")
    func lruBound() async throws {
        let validator = TestTokens.validator(cache: TokenCacheLimits(maximumEntryCount: 3))
        let tokens = (0..<4).map { TestTokens.token(["uti": .string("t\($0)")]) }
        for token in tokens.prefix(3) { _ = try await validator.validate(token) }
        _ = try await validator.validate(tokens[0])          // t0 becomes most recent
        _ = try await validator.validate(tokens[3])          // evicts t1
        #expect(validator.cacheUsage.entries == 3)
        let hitsBefore = validator.metrics.cacheHits
        _ = try await validator.validate(tokens[0])
        #expect(validator.metrics.cacheHits == hitsBefore + 1)
        let missesBefore = validator.metrics.cacheMisses
        _ = try await validator.validate(tokens[1])
        #expect(validator.metrics.cacheMisses == missesBefore + 1)
    }

    @Test("memory is bounded: entries are evicted to stay under the byte limit")
    func byteBound() async throws {
        let validator = TestTokens.validator(cache: TokenCacheLimits(maximumEntryCount: 1000, maximumByteCount: 20_000))
        for index in 0..<20 {
            _ = try await validator.validate(TestTokens.token(["uti": .string("t\(index)"), "pad": .string(String(repeating: "p", count: 2000))]))
        }
        #expect(validator.cacheUsage.bytes <= 20_000)
        #expect(validator.cacheUsage.entries < 20)
        #expect(validator.cacheUsage.entries > 0)
    }

    @Test("a disabled cache validates in full every time")
    func disabled() async throws {
        let validator = TestTokens.validator(cache: .disabled)
        let token = TestTokens.token()
        _ = try await validator.validate(token)
        _ = try await validator.validate(token)
        #expect(validator.metrics.cacheHits == 0)
        #expect(validator.cacheUsage.entries == 0)
    }
}
