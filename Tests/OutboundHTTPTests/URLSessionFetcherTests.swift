import Foundation
import HTTPServer
import OutboundHTTP
import Testing

/// The fetcher against a real loopback server: transport rules, size cap, timeout, redirects.
@Suite("URLSessionFetcher over loopback")
struct URLSessionFetcherTests {
    /// Starts a server with `router` on an ephemeral loopback port, runs `body`, stops it.
    private func withServer(_ router: Router<BasicRequestContext>, _ body: (String) async throws -> Void) async throws {
        let server = Server(configuration: .init(address: .hostPort("127.0.0.1", 0), handlesSignals: false), router: router)
        let task = Task { try await server.run() }
        let address = try await server.boundAddress
        defer { server.shutdown() }
        try await body("http://127.0.0.1:\(address.port)")
        server.shutdown()
        try await task.value
    }

    /// The `FetchError` `body` throws, or nil when it succeeds.
    private func fetchError(_ body: () async throws(FetchError) -> OutboundResponse) async -> FetchError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }

    private func router() -> Router<BasicRequestContext> {
        var router = Router(context: BasicRequestContext.self)
        router.get("/small") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json", "X-Test": "yes"], body: Array(#"{"ok":true}"#.utf8))
        }
        router.get("/big") { _, _ in HTTPResponse(status: .ok, body: [UInt8](repeating: 0x41, count: 300_000)) }
        router.get("/streamed-big") { _, _ in
            HTTPResponse(status: .ok, body: .stream { writer in
                for _ in 0..<100 { try await writer.write([UInt8](repeating: 0x42, count: 10_000)) }
            })
        }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(3))
            return .text("late")
        }
        router.get("/redirect") { _, _ in HTTPResponse(status: HTTPStatus(code: 302), headers: ["Location": "http://127.0.0.1:1/elsewhere"]) }
        router.post("/echo") { request, _ in
            HTTPResponse(status: .ok, body: request.body + Array((request.headers["x-sent"] ?? "").utf8))
        }
        return router
    }

    @Test("a small response comes back whole, headers lowercased")
    func smallResponse() async throws {
        try await withServer(router()) { base in
            let response = try await URLSessionFetcher().fetch(OutboundRequest(url: URL(string: base + "/small")!))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
            #expect(response.header("X-TEST") == "yes")
        }
    }

    @Test("method, headers and body are sent")
    func postWithBody() async throws {
        try await withServer(router()) { base in
            let request = OutboundRequest(url: URL(string: base + "/echo")!, method: "POST", headers: [("X-Sent", "!")], body: Array("hi".utf8))
            let response = try await URLSessionFetcher().fetch(request)
            #expect(String(decoding: response.body, as: UTF8.self) == "hi!")
        }
    }

    @Test("a body over the cap fails with responseTooLarge (announced and streamed)")
    func sizeCap() async throws {
        try await withServer(router()) { base in
            let fetcher = URLSessionFetcher()
            for path in ["/big", "/streamed-big"] {
                let error = await fetchError { () throws(FetchError) in try await fetcher.fetch(OutboundRequest(url: URL(string: base + path)!, maximumResponseByteCount: 100_000)) }
                #expect(error?.reason == .responseTooLarge, "\(path): \(String(describing: error))")
            }
        }
    }

    @Test("a slow server fails with timedOut within the request's timeout")
    func timeout() async throws {
        try await withServer(router()) { base in
            let started = ContinuousClock.now
            let error = await fetchError { () throws(FetchError) in try await URLSessionFetcher().fetch(OutboundRequest(url: URL(string: base + "/slow")!, timeout: .milliseconds(300))) }
            #expect(error?.reason == .timedOut)
            #expect(ContinuousClock.now - started < .seconds(2.5))
        }
    }

    @Test("redirects are returned, not followed")
    func redirectNotFollowed() async throws {
        try await withServer(router()) { base in
            let response = try await URLSessionFetcher().fetch(OutboundRequest(url: URL(string: base + "/redirect")!))
            #expect(response.status == 302)
            #expect(response.header("location") == "http://127.0.0.1:1/elsewhere")
        }
    }

    @Test("plain http is refused except to loopback; nothing is sent")
    func transportRules() async throws {
        let fetcher = URLSessionFetcher()
        for url in ["http://example.com/keys", "http://10.0.0.1/keys", "ftp://127.0.0.1/x", "http://127.0.0.1.evil.example/x", "file:///etc/passwd"] {
            do {
                _ = try await fetcher.fetch(OutboundRequest(url: URL(string: url)!))
                Issue.record("\(url) was fetched")
            } catch {
                #expect(error.reason == .insecureURL, "\(url): \(error)")
            }
        }
        #expect(throws: FetchError.self) { try URLSessionFetcher(allowsLoopbackHTTP: false).checkURL(URL(string: "http://127.0.0.1/x")!) }
        try fetcher.checkURL(URL(string: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration")!)
        try fetcher.checkURL(URL(string: "http://[::1]:8080/x")!)
    }

    @Test("plain http to an explicitly allowed host is accepted, and only to that exact host")
    func allowedPlainHTTPHosts() throws {
        let fetcher = URLSessionFetcher(allowedPlainHTTPHosts: ["169.254.169.254"])
        try fetcher.checkURL(URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!)
        try fetcher.checkURL(URL(string: "http://127.0.0.1:8080/x")!)
        for url in ["http://169.254.169.253/x", "http://169.254.169.254.evil.example/x", "http://10.0.0.1/x"] {
            #expect(throws: FetchError.self, "\(url)") { try fetcher.checkURL(URL(string: url)!) }
        }
        #expect(throws: FetchError.self) { try URLSessionFetcher().checkURL(URL(string: "http://169.254.169.254/x")!) }
        // The allowance is about plain http only: other schemes stay refused.
        #expect(throws: FetchError.self) { try fetcher.checkURL(URL(string: "ftp://169.254.169.254/x")!) }
    }

    @Test("a closed port fails with unreachable")
    func unreachable() async throws {
        do {
            _ = try await URLSessionFetcher().fetch(OutboundRequest(url: URL(string: "http://127.0.0.1:1/x")!, timeout: .seconds(5)))
            Issue.record("expected a failure")
        } catch {
            #expect(error.reason == .unreachable || error.reason == .transport, "\(error)")
        }
    }

    @Test("cancelling the calling task cancels the request")
    func cancellation() async throws {
        try await withServer(router()) { base in
            let task = Task { try await URLSessionFetcher().fetch(OutboundRequest(url: URL(string: base + "/slow")!)) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            do {
                _ = try await task.value
                Issue.record("expected cancellation")
            } catch let error as FetchError {
                #expect(error.reason == .cancelled)
            }
        }
    }

    @Test("loopback host recognition is exact")
    func loopbackHosts() {
        #expect(isLoopbackHost("127.0.0.1"))
        #expect(isLoopbackHost("127.255.0.9"))
        #expect(isLoopbackHost("localhost"))
        #expect(isLoopbackHost("[::1]"))
        #expect(!isLoopbackHost("127.0.0.1.nip.io"))
        #expect(!isLoopbackHost("128.0.0.1"))
        #expect(!isLoopbackHost("127.0.0.256"))
        #expect(!isLoopbackHost("localhost.example"))
        #expect(!isLoopbackHost("127.0.0"))
    }
}
