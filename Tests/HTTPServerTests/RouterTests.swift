import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Router behaviour, exercised in-process through the public test client (routing logic) and
/// over sockets where the wire format matters.
@Suite struct RouterTests {
    static func respond<Context: RequestContext>(
        _ router: Router<Context>, _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = ["Host": "t"]
    ) async throws -> TestResponse {
        try await router.testClient().execute(method, path, headers: headers)
    }

    static func text(_ response: TestResponse) -> String { response.bodyText }

    @Test func parametersAndWildcards() async throws {
        var router = Router()
        router.get("/users/:id") { _, context in .text("user \(context.parameters["id"] ?? "-")") }
        router.get("/users/me") { _, _ in .text("me") }
        router.get("/users/:id/files/**") { _, context in
            .text("\(context.parameters["id"] ?? "-") \(context.parameters.catchAll ?? "-")")
        }
        router.get("/any/*/end") { _, context in .text("star \(context.parameters["*"] ?? "-")") }
        router.get("/") { _, _ in .text("root") }

        #expect(Self.text(try await Self.respond(router, .get, "/users/42")) == "user 42")
        #expect(Self.text(try await Self.respond(router, .get, "/users/me")) == "me")
        #expect(Self.text(try await Self.respond(router, .get, "/users/7/files/a/b.txt")) == "7 a/b.txt")
        #expect(Self.text(try await Self.respond(router, .get, "/any/thing/end")) == "star thing")
        #expect(Self.text(try await Self.respond(router, .get, "/")) == "root")
        #expect(try await Self.respond(router, .get, "/users/7/files").status == .notFound)
        #expect(try await Self.respond(router, .get, "/users/42/").status == .notFound)
        #expect(try await Self.respond(router, .get, "//users/42").status == .notFound)
        #expect(try await Self.respond(router, .get, "/any/thing/else").status == .notFound)
    }

    @Test func literalBranchBacktracksToParameter() async throws {
        var router = Router()
        router.get("/a/b/c") { _, _ in .text("literal") }
        router.get("/a/:x/d") { _, context in .text("param \(context.parameters["x"] ?? "")") }
        #expect(Self.text(try await Self.respond(router, .get, "/a/b/d")) == "param b")
        #expect(Self.text(try await Self.respond(router, .get, "/a/b/c")) == "literal")
    }

    @Test func notFoundAndMethodNotAllowedWithAllow() async throws {
        var router = Router()
        router.get("/items") { _, _ in .text("list") }
        router.post("/items") { _, _ in .text("created") }
        router.delete("/items/:id") { _, _ in HTTPResponse(status: .noContent) }

        let missing = try await Self.respond(router, .get, "/nothing")
        #expect(missing.status == .notFound)
        #expect(missing.headers["content-type"] == "application/problem+json")

        let wrong = try await Self.respond(router, .put, "/items")
        #expect(wrong.status == .methodNotAllowed)
        #expect(wrong.headers["allow"] == "GET, HEAD, POST")
        #expect(try await Self.respond(router, .get, "/items/3").headers["allow"] == "DELETE")
        let head = try await Self.respond(router, .head, "/items")   // HEAD falls back to GET, without the body
        #expect(head.status == .ok)
        #expect(head.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(head.body.isEmpty)
    }

    struct Stamp: MiddlewareProtocol {
        typealias Context = BasicRequestContext
        var name: String
        func handle(
            _ request: HTTPRequest, context: Context, next: (HTTPRequest, Context) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            var response = try await next(request, context)
            response.headers.add(name: "X-Stamp", value: name)
            return response
        }
    }

    @Test func groupsHaveTheirOwnMiddlewareAndPrefix() async throws {
        var router = Router()
        router.add(middleware: Stamp(name: "global"))
        router.get("/open") { _, _ in .text("open") }
        router.group("/api") { api in
            api.get("/items") { _, _ in .text("items") }
            api.add(middleware: Stamp(name: "api"))
            api.group("admin") { admin in
                admin.add(middleware: Stamp(name: "admin"))
                admin.get("/stats") { _, _ in .text("stats") }
            }
        }
        let open = try await Self.respond(router, .get, "/open")
        #expect(open.headers.values(for: "x-stamp") == ["global"])
        let items = try await Self.respond(router, .get, "/api/items")
        #expect(Self.text(items) == "items")
        #expect(items.headers.values(for: "x-stamp") == ["api", "global"])
        let stats = try await Self.respond(router, .get, "/api/admin/stats")
        #expect(stats.headers.values(for: "x-stamp") == ["admin", "api", "global"])
        // Global middleware also sees 404s.
        #expect(try await Self.respond(router, .get, "/api/none").headers.values(for: "x-stamp") == ["global"])
    }

    enum Access: RouteMetadataKey { static let defaultValue = "authenticated" }

    @Test func middlewareReadsRouteMetadataBeforeTheHandler() async throws {
        var router = Router()
        router.add(middleware: MiddlewareClosure { request, context, next in
            guard context.route?.metadata[Access.self] == "anonymous" || request.headers["authorization"] != nil else {
                return .problem(.unauthorized, detail: "Send a token.")
            }
            return try await next(request, context)
        })
        var anonymous = RouteMetadata()
        anonymous[Access.self] = "anonymous"
        router.get("/healthz", metadata: anonymous) { _, context in .text(context.route?.pattern ?? "") }
        router.group("/api", metadata: RouteMetadata { $0[Access.self] = "admin" }) { api in
            api.get("/admin") { _, context in .text(context.route?.metadata[Access.self] ?? "") }
        }
        #expect(Self.text(try await Self.respond(router, .get, "/healthz")) == "/healthz")
        #expect(try await Self.respond(router, .get, "/api/admin").status == .unauthorized)
        let authorized = try await Self.respond(router, .get, "/api/admin", headers: ["Authorization": "Bearer x"])
        #expect(Self.text(authorized) == "admin")
    }

    struct Teapot: HTTPResponseError {
        var status: HTTPStatus { HTTPStatus(code: 418, reasonPhrase: "I'm a teapot") }
        var detail: String? { "Short and stout." }
        var headers: HTTPHeaders { ["X-Pot": "1"] }
    }

    struct SecretFailure: Error { var secret = "database password is hunter2" }

    @Test func thrownErrorsBecomeProblemResponses() async throws {
        var router = Router()
        router.get("/teapot") { _, _ in throw Teapot() }
        router.get("/boom") { _, _ in throw SecretFailure() }
        try await withServer(router) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /teapot HTTP/1.1\r\nHost: t\r\n\r\nGET /boom HTTP/1.1\r\nHost: t\r\n\r\n")
            let teapot = try await client.readResponse()
            expectProblem(teapot, status: 418)
            #expect(teapot.header("x-pot") == "1")
            #expect(teapot.json?["detail"] as? String == "Short and stout.")
            let boom = try await client.readResponse()
            expectProblem(boom, status: 500)
            #expect(!boom.text.contains("hunter2"))
            // The connection survives a handler error.
            try await client.send("GET /teapot HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().statusCode == 418)
        }
    }

    struct AppContext: RequestContext {
        var coreContext: CoreRequestContext
        var user: String?
        init(source: RequestContextSource) { coreContext = CoreRequestContext(source: source) }
    }

    @Test func customContextCarriesMiddlewareValues() async throws {
        var router = Router(context: AppContext.self)
        router.add(middleware: MiddlewareClosure { request, context, next in
            var context = context
            context.user = request.headers["x-user"]
            return try await next(request, context)
        })
        router.get("/whoami") { _, context in .text(context.user ?? "nobody") }
        try await withServer(router) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /whoami HTTP/1.1\r\nHost: t\r\nX-User: ada\r\n\r\n")
            #expect(try await client.readResponse().text == "ada")
            try await client.send("GET /whoami HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "nobody")
        }
    }

    @Test func jsonHelperEncodes() throws {
        struct Payload: Encodable { var roles: [String]; var url: String }
        let response = try HTTPResponse.json(Payload(roles: ["DoAll"], url: "a/b"))
        #expect(response.headers["content-type"] == "application/json")
        #expect(String(decoding: response.body.bytes ?? [], as: UTF8.self) == #"{"roles":["DoAll"],"url":"a/b"}"#)
    }
}
