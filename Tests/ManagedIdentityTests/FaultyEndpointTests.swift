import Foundation
import HTTPServer
import ManagedIdentity
import OutboundHTTP
import Testing

/// Deliberately faulty endpoints: slow, throttling, updating, failing, refusing.
@Suite("Faulty endpoints")
struct FaultyEndpointTests {
    private func error(_ endpoint: FakeEndpoint, imds: Bool, identity: ManagedIdentityID = .systemAssigned,
                       secret: String = Fixture.secret, timeout: Duration = .seconds(5)) async throws -> ManagedIdentityError? {
        var result: ManagedIdentityError?
        try await endpoint.serve { base in
            let environment = imds ? Fixture.imdsEnvironment(base) : Fixture.appServiceEnvironment(base, secret: secret)
            let credential = Fixture.credential(environment, identity: identity, timeout: timeout)
            result = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: "api://aad-func/.default") }
        }
        return result
    }

    private func succeeds(_ endpoint: FakeEndpoint, imds: Bool) async throws -> Duration {
        let started = ContinuousClock.now
        try await endpoint.serve { base in
            let credential = Fixture.credential(imds ? Fixture.imdsEnvironment(base) : Fixture.appServiceEnvironment(base))
            _ = try await credential.token(for: "api://aad-func/.default")
        }
        return ContinuousClock.now - started
    }

    @Test("a slow endpoint fails with timedOut within the request timeout, naming the host")
    func slow() async throws {
        let endpoint = FakeEndpoint { _, _ in
            try? await Task.sleep(for: .seconds(3))
            return Fixture.appServiceOK(Fixture.token())
        }
        let started = ContinuousClock.now
        let error = try await error(endpoint, imds: false, timeout: .milliseconds(300))
        #expect(error?.reason == .timedOut)
        #expect(error?.message.contains("127.0.0.1") == true)
        #expect(ContinuousClock.now - started < .seconds(2.5) + .seconds(3))   // server drain included
    }

    @Test("429 with Retry-After: 1 waits about a second, then succeeds")
    func throttledThenOK() async throws {
        let endpoint = FakeEndpoint { _, number in
            number == 1 ? Fixture.json(429, #"{"error":"too_many_requests","error_description":"slow down"}"#, headers: ["Retry-After": "1"])
                        : Fixture.imdsOK(Fixture.token())
        }
        try await endpoint.serve { base in
            // Millisecond backoff, but a budget that fits the one-second Retry-After.
            var policy = RetryPolicy.imds.scaled(to: .milliseconds(10))
            policy.maximumElapsed = .seconds(5)
            let credential = ManagedIdentityCredential(environment: Fixture.imdsEnvironment(base),
                                                       options: ManagedIdentityOptions(retryPolicy: policy))
            _ = try await credential.token(for: "api://aad-func/.default")
        }
        let times = endpoint.requests.map(\.at)
        #expect(times.count == 2)
        if times.count == 2 {
            #expect(times[1] - times[0] >= .milliseconds(950), "Retry-After ignored: \(times[1] - times[0])")
        }
    }

    @Test("a Retry-After beyond the retry budget gives up at once with throttled")
    func throttledBeyondBudget() async throws {
        let endpoint = FakeEndpoint { _, _ in Fixture.json(429, #"{"error":"too_many_requests"}"#, headers: ["Retry-After": "120"]) }
        let error = try await error(endpoint, imds: true)
        #expect(error?.reason == .throttled)
        #expect(error?.statusCode == 429)
        #expect(endpoint.count == 1)
    }

    @Test("IMDS: 410 (updating), 404 and 500 are retried, then 200 succeeds", arguments: [410, 404, 500, 503])
    func imdsTransientThenOK(status: Int) async throws {
        let endpoint = FakeEndpoint { _, number in number < 3 ? Fixture.json(status, "{}") : Fixture.imdsOK(Fixture.token()) }
        _ = try await succeeds(endpoint, imds: true)
        #expect(endpoint.count == 3)
        let times = endpoint.requests.map(\.at)
        if status == 410 {   // 410 backs off with the larger factor: 0, then 2 × 25 ms
            #expect(times[2] - times[1] >= .milliseconds(45))
        }
    }

    @Test("App Service: 500 then 200 succeeds")
    func appServiceTransientThenOK() async throws {
        let endpoint = FakeEndpoint { _, number in number == 1 ? Fixture.json(500, #"{"statusCode":500,"message":"boom"}"#) : Fixture.appServiceOK(Fixture.token()) }
        _ = try await succeeds(endpoint, imds: false)
        #expect(endpoint.count == 2)
    }

    @Test("500 forever: IMDS gives up after 1 + 5 requests, App Service after 1 + 3, with serviceUnavailable")
    func failingForever() async throws {
        for imds in [true, false] {
            let endpoint = FakeEndpoint { _, _ in Fixture.json(500, #"{"error":"unknown","error_description":"Failed to retrieve token from the Active directory"}"#) }
            let error = try await error(endpoint, imds: imds)
            #expect(error?.reason == .serviceUnavailable)
            #expect(error?.statusCode == 500)
            #expect(endpoint.count == (imds ? 6 : 4))
            #expect(error?.message.contains("127.0.0.1") == true)
            #expect(error?.message.contains("500") == true)
            // Growing gaps: the last one is the largest.
            let times = endpoint.requests.map(\.at)
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
            #expect(gaps.last == gaps.max())
        }
    }

    @Test("400 is never retried")
    func badRequestNotRetried() async throws {
        let endpoint = FakeEndpoint { _, _ in Fixture.json(400, #"{"error":"invalid_request","error_description":"Required metadata header not specified"}"#) }
        let error = try await error(endpoint, imds: true)
        #expect(error?.reason == .badRequest)
        #expect(error?.endpointMessage == "invalid_request: Required metadata header not specified")
        #expect(endpoint.count == 1)
    }

    @Test("a wrong X-IDENTITY-HEADER: the endpoint's 400 becomes forbidden, pointing at IDENTITY_HEADER, never echoing it")
    func wrongSecret() async throws {
        let endpoint = FakeEndpoint { request, _ in
            guard request.headers["X-IDENTITY-HEADER"] == Fixture.secret else {
                return Fixture.json(400, #"{"statusCode":400,"message":"Invalid secret token header.","correlationId":"c0ffee"}"#,
                                    headers: ["X-CORRELATION-ID": "c0ffee"])
            }
            return Fixture.appServiceOK(Fixture.token())
        }
        let error = try await error(endpoint, imds: false, secret: "stale-secret-value")
        #expect(error?.reason == .forbidden)
        #expect(error?.statusCode == 400)
        #expect(error?.correlationID == "c0ffee")
        #expect(error?.message.contains("IDENTITY_HEADER") == true)
        #expect(error?.message.contains("Invalid secret token header.") == true)
        #expect(!String(describing: error).contains("stale-secret-value"))
        #expect(endpoint.count == 1)
    }

    @Test("App Service 401/403 are forbidden")
    func appServiceUnauthorized() async throws {
        let endpoint = FakeEndpoint { _, _ in HTTPResponse(status: .unauthorized, body: Array("Invalid secret token header: .".utf8)) }
        let error = try await error(endpoint, imds: false)
        #expect(error?.reason == .forbidden)
        #expect(error?.endpointMessage == "Invalid secret token header: .")
    }

    @Test("unknown identity: App Service's statusCode/message 400 and IMDS's invalid_request 400 are identityNotFound")
    func unknownIdentity() async throws {
        let appService = FakeEndpoint { _, _ in
            Fixture.json(400, #"{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"bf68136a"}"#)
        }
        let appServiceError = try await error(appService, imds: false, identity: .clientID("99999999-0000-4000-8000-000000000000"))
        #expect(appServiceError?.reason == .identityNotFound)
        #expect(appServiceError?.endpointMessage == "Unable to load the proper Managed Identity.")
        #expect(appServiceError?.correlationID == "bf68136a")
        #expect(appServiceError?.message.contains("99999999-0000-4000-8000-000000000000") == true)
        #expect(appService.count == 1)

        let imds = FakeEndpoint { _, _ in Fixture.json(400, #"{"error":"invalid_request","error_description":"Identity not found"}"#) }
        let imdsError = try await error(imds, imds: true, identity: .objectID(Fixture.objectID))
        #expect(imdsError?.reason == .identityNotFound)
        #expect(imdsError?.endpointMessage == "invalid_request: Identity not found")
        #expect(imdsError?.message.contains("not assigned to this resource") == true)
        #expect(imds.count == 1)
    }

    @Test("a closed port named by IDENTITY_ENDPOINT is endpointUnreachable")
    func unreachable() async {
        let credential = Fixture.credential(Fixture.appServiceEnvironment("http://127.0.0.1:1"))
        let error = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: "api://aad-func/.default") }
        #expect(error?.reason == .endpointUnreachable)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test("no IMDS at 169.254.169.254 (and no App Service variables) is noManagedIdentity, with the remedy")
    func noManagedIdentity() async {
        struct NoRoute: HTTPFetcher {
            func fetch(_ request: OutboundRequest) async throws(FetchError) -> OutboundResponse {
                #expect(request.url.host == "169.254.169.254")
                throw FetchError(.unreachable, "169.254.169.254 is unreachable (-1004)")
            }
        }
        let credential = ManagedIdentityCredential(environment: [:], fetcher: NoRoute())
        let error = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: "api://aad-func/.default") }
        #expect(error?.reason == .noManagedIdentity)
        #expect(error?.message.contains("set IDENTITY_ENDPOINT/IDENTITY_HEADER or run where IMDS is reachable") == true)
    }
}
