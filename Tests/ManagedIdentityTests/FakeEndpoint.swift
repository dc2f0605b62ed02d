import Foundation
import HTTPServer
import ManagedIdentity
import Synchronization

/// A fake managed-identity endpoint on a real loopback socket: answers each request with
/// `respond(request, attemptNumber)` and records what arrived.
final class FakeEndpoint: Sendable {
    struct Received: Sendable {
        var rawTarget: String
        var path: String
        var query: [String: String]
        var queryNames: [String]
        var headers: HTTPHeaders
        var at: ContinuousClock.Instant
    }

    typealias Responder = @Sendable (HTTPRequest, Int) async -> HTTPResponse

    private let received = Mutex<[Received]>([])
    private let respond: Responder

    init(_ respond: @escaping Responder) { self.respond = respond }

    var requests: [Received] { received.withLock { $0 } }
    var count: Int { received.withLock { $0.count } }

    fileprivate func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let number = received.withLock { list in
            var query: [String: String] = [:]
            for item in request.query.items { query[item.name] = item.value }
            list.append(Received(rawTarget: request.rawTarget, path: request.path, query: query,
                                 queryNames: request.query.items.map(\.name), headers: request.headers, at: .now))
            return list.count
        }
        return await respond(request, number)
    }

    /// Serves on 127.0.0.1:<ephemeral> at the App Service and IMDS paths, runs `body` with the
    /// base URL (`http://127.0.0.1:PORT`), then stops.
    func serve(_ body: (String) async throws -> Void) async throws {
        var router = Router(context: BasicRequestContext.self)
        for path in ["/msi/token", "/metadata/identity/oauth2/token"] {
            router.get(path) { [self] request, _ in await self.handle(request) }
        }
        var configuration = HTTPServerConfiguration(address: .hostPort("127.0.0.1", 0), accessLog: false, handlesSignals: false)
        configuration.eventLoopCount = 1
        let server = Server(configuration: configuration, router: router)
        let task = Task { try await server.run() }
        let address = try await server.boundAddress
        defer { server.shutdown() }
        try await body("http://127.0.0.1:\(address.port)")
        server.shutdown()
        try await task.value
    }
}

/// Canned responses and environments.
enum Fixture {
    static let secret = "s3cret-identity-header-value"
    static let clientID = "33333333-3333-4333-8333-333333333333"
    static let objectID = "44444444-4444-4444-8444-444444444444"
    static let resourceID = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/msi-func"

    /// A JWT-shaped token that is unique per call, so a test can tell which response it came from.
    static func token(_ tag: String = UUID().uuidString) -> String {
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9hYWQtZnVuYyJ9.c2lnLW5vdC1yZWFs-\(tag)"
    }

    static func appServiceEnvironment(_ base: String, secret: String = secret) -> [String: String] {
        ["IDENTITY_ENDPOINT": base + "/msi/token", "IDENTITY_HEADER": secret]
    }

    static func imdsEnvironment(_ base: String) -> [String: String] {
        ["AZURE_POD_IDENTITY_AUTHORITY_HOST": base]
    }

    static func json(_ status: Int, _ text: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        return HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: Array(text.utf8))
    }

    /// The App Service 2019-08-01 success body (`expires_on` epoch string by default).
    static func appServiceOK(_ token: String, expiresOn: String? = nil, lifetime: Int = 86_399) -> HTTPResponse {
        let expires = expiresOn ?? "\"\(Int(Date().timeIntervalSince1970) + lifetime)\""
        return json(200, #"{"access_token":"\#(token)","expires_on":\#(expires),"resource":"api://aad-func","token_type":"Bearer","client_id":"\#(clientID)"}"#)
    }

    /// The IMDS success body: every primitive a string, as the real service sends it.
    static func imdsOK(_ token: String, lifetime: Int = 86_399) -> HTTPResponse {
        let now = Int(Date().timeIntervalSince1970)
        return json(200, #"{"access_token":"\#(token)","client_id":"\#(clientID)","expires_in":"\#(lifetime)","expires_on":"\#(now + lifetime)","ext_expires_in":"\#(lifetime)","not_before":"\#(now)","resource":"api://aad-func","token_type":"Bearer"}"#)
    }

    /// A credential with the source's own retry policy scaled to milliseconds (0.8 s → 8 ms).
    static func credential(_ environment: [String: String], identity: ManagedIdentityID = .systemAssigned,
                           timeout: Duration = .seconds(5), now: @escaping @Sendable () -> Date = { Date() }) -> ManagedIdentityCredential {
        let policy = environment["IDENTITY_ENDPOINT"] != nil ? RetryPolicy.appService : RetryPolicy.imds
        return ManagedIdentityCredential(identity: identity, environment: environment,
                                         options: ManagedIdentityOptions(requestTimeout: timeout,
                                                                         retryPolicy: policy.scaled(to: .milliseconds(10)), now: now))
    }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date()) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The error `body` throws, or nil when it succeeds.
func managedIdentityError<T>(_ body: () async throws(ManagedIdentityError) -> T) async -> ManagedIdentityError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
