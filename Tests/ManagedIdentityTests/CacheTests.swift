import Foundation
import HTTPServer
import ManagedIdentity
import Synchronization
import Testing

@Suite("Token cache")
struct CacheTests {
    @Test("a second call is served from the cache: one request")
    func secondCallCached() async throws {
        let endpoint = FakeEndpoint { _, number in Fixture.appServiceOK(Fixture.token("\(number)")) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.appServiceEnvironment(base))
            let first = try await credential.token(for: "api://aad-func/.default")
            let second = try await credential.token(for: "api://aad-func")   // same resource
            #expect(first.token == second.token)
            #expect(endpoint.count == 1)
            _ = try await credential.token(for: "https://vault.azure.net/.default")   // another resource
            #expect(endpoint.count == 2)
            await credential.clearCache()
            _ = try await credential.token(for: "api://aad-func/.default")
            #expect(endpoint.count == 3)
        }
    }

    @Test("past refreshOn the cached token is returned at once and one background request replaces it")
    func refreshAhead() async throws {
        let clock = ManualClock()
        let endpoint = FakeEndpoint { _, number in Fixture.imdsOK(Fixture.token("\(number)"), lifetime: 86_400) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.imdsEnvironment(base), now: { clock.now })
            let first = try await credential.token(for: "api://aad-func/.default")
            clock.advance(by: 11 * 3600)   // before half-life
            #expect(try await credential.token(for: "api://aad-func/.default").token == first.token)
            #expect(endpoint.count == 1)

            clock.advance(by: 2 * 3600)    // 13 h: past refreshOn, far from expiry
            #expect(try await credential.token(for: "api://aad-func/.default").token == first.token)
            for _ in 0..<200 where endpoint.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(endpoint.count == 2)
            var refreshed = try await credential.token(for: "api://aad-func/.default")
            for _ in 0..<200 where refreshed.token == first.token {
                try await Task.sleep(for: .milliseconds(10))
                refreshed = try await credential.token(for: "api://aad-func/.default")
            }
            #expect(refreshed.token == Fixture.token("2"))
            #expect(endpoint.count == 2)
        }
    }

    @Test("a token with under 5 minutes left is not handed out: callers wait for a new one")
    func nearExpiry() async throws {
        let clock = ManualClock()
        let endpoint = FakeEndpoint { _, number in Fixture.imdsOK(Fixture.token("\(number)"), lifetime: 3600) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.imdsEnvironment(base), now: { clock.now })
            let first = try await credential.token(for: "api://aad-func/.default")
            #expect(first.refreshOn == nil)
            clock.advance(by: 3600 - 301)
            #expect(try await credential.token(for: "api://aad-func/.default").token == first.token)
            clock.advance(by: 2)   // 4:59 left
            let second = try await credential.token(for: "api://aad-func/.default")
            #expect(second.token == Fixture.token("2"))
            #expect(endpoint.count == 2)
        }
    }

    @Test("50 concurrent callers share one request")
    func singleFlight() async throws {
        let endpoint = FakeEndpoint { _, number in
            try? await Task.sleep(for: .milliseconds(300))
            return Fixture.appServiceOK(Fixture.token("\(number)"))
        }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.appServiceEnvironment(base))
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 { group.addTask { try await credential.token(for: "api://aad-func/.default").token } }
                var all: [String] = []
                for try await token in group { all.append(token) }
                return all
            }
            #expect(tokens.count == 50)
            #expect(Set(tokens) == [Fixture.token("1")])
        }
        #expect(endpoint.count == 1)
    }

    @Test("a failed request is not cached: the next call asks again")
    func failuresNotCached() async throws {
        let endpoint = FakeEndpoint { _, number in
            number == 1 ? Fixture.json(400, #"{"error":"invalid_request","error_description":"Identity not found"}"#)
                        : Fixture.imdsOK(Fixture.token("\(number)"))
        }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.imdsEnvironment(base))
            let error = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: "api://aad-func/.default") }
            #expect(error?.reason == .identityNotFound)
            let token = try await credential.token(for: "api://aad-func/.default")
            #expect(token.token == Fixture.token("2"))
        }
    }
}
