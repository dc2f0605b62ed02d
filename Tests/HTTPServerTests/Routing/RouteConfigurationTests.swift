import Testing
@testable import HTTPServer

/// Group and route metadata combination, configuration errors, registered routes, and
/// `RouteBuilder` extensions.
@Suite struct RouteConfigurationTests {
    /// Default rule: the route's value wins.
    enum Label: RouteMetadataKey { static let defaultValue = "none" }

    /// Roles required: a group's and a route's combine with AND (union); an empty set on a
    /// route below a group that requires roles is refused (it would read as "anonymous").
    enum Roles: RouteMetadataKey {
        static let defaultValue: Set<String> = []
        static func combine(group: Set<String>, route: Set<String>) throws(RouteConfigurationError) -> Set<String> {
            if route.isEmpty && !group.isEmpty {
                throw RouteConfigurationError(.conflictingMetadata, "An anonymous route cannot sit in a protected group.")
            }
            return group.union(route)
        }
    }

    static func metadata(label: String? = nil, roles: Set<String>? = nil) -> RouteMetadata {
        RouteMetadata { metadata in
            if let label { metadata[Label.self] = label }
            if let roles { metadata[Roles.self] = roles }
        }
    }

    static func route(_ router: Router<BasicRequestContext>, _ pattern: String) -> RouteDescription? {
        router.registeredRoutes.first { $0.pattern == pattern }
    }

    @Test func keysCombineByTheirRuleAndOneSidedKeysKeepTheirValue() throws {
        var router = Router()
        router.group("/api", metadata: Self.metadata(label: "group", roles: ["Reader"])) { api in
            api.get("/items", metadata: Self.metadata(label: "route")) { _, _ in .text("") }
            api.get("/admin", metadata: Self.metadata(roles: ["DoAll"])) { _, _ in .text("") }
            api.group("/v2", metadata: Self.metadata(roles: ["V2"])) { v2 in
                v2.get("/x", metadata: Self.metadata(roles: ["X"])) { _, _ in .text("") }
            }
        }
        try router.validate()
        let items = try #require(Self.route(router, "/api/items"))
        #expect(items.metadata[Label.self] == "route")            // default rule: route wins
        #expect(items.metadata[Roles.self] == ["Reader"])         // set only on the group
        let admin = try #require(Self.route(router, "/api/admin"))
        #expect(admin.metadata[Label.self] == "group")            // set only on the group
        #expect(admin.metadata[Roles.self] == ["Reader", "DoAll"]) // AND
        let nested = try #require(Self.route(router, "/api/v2/x"))
        #expect(nested.metadata[Roles.self] == ["Reader", "V2", "X"])
        #expect(router.registeredRoutes.map(\.method) == [.get, .get, .get])
    }

    @Test func refusedCombinationIsReportedWithMethodAndPattern() async throws {
        var router = Router()
        router.get("/healthz", metadata: Self.metadata(roles: [])) { _, _ in .text("ok") }
        router.group("/api", metadata: Self.metadata(roles: ["Reader"])) { api in
            api.get("/items") { _, _ in .text("items") }
            api.delete("/open", metadata: Self.metadata(roles: [])) { _, _ in .text("open") }
        }
        #expect(throws: RouteConfigurationError.self) { try router.validate() }
        do {
            try router.validate()
        } catch {
            #expect(error.reason == .conflictingMetadata)
            #expect(error.method == .delete)
            #expect(error.pattern == "/api/open")
            #expect(error.description == "DELETE /api/open: An anonymous route cannot sit in a protected group.")
        }
        #expect(router.registeredRoutes.map(\.pattern) == ["/healthz", "/api/items"])
        #expect(throws: RouteConfigurationError.self) { _ = try router.testClient() }
    }

    @Test(arguments: [
        ("/files/**/edit", "`**` must be the last segment of a pattern."),
        ("/users/:", "A `:` parameter segment needs a name."),
        ("/a//b", "A pattern must not contain an empty segment (`//`)."),
    ])
    func invalidPatternsAreReported(pattern: String, detail: String) {
        var router = Router()
        router.get("/fine") { _, _ in .text("") }
        router.post(pattern) { _, _ in .text("") }
        #expect(throws: RouteConfigurationError(.invalidPattern, detail, method: .post, pattern: pattern)) {
            try router.validate()
        }
    }

    @Test func trailingSlashOfAGroupRootIsAccepted() async throws {
        var router = Router()
        router.group("/api") { $0.get("/") { _, _ in .text("api root") } }
        let client = try router.testClient()
        #expect(try await client.execute(.get, "/api").bodyText == "api root")
        #expect(router.registeredRoutes.map(\.pattern) == ["/api/"])
    }

    @Test func routeBuilderExtensionsWorkOnRoutersAndGroups() async throws {
        var router = Router()
        router.health()
        router.group("/v2") { v2 in v2.health() }
        let client = try router.testClient()
        let root = try await client.execute(.get, "/healthz")
        #expect(root.bodyText == "ok")
        #expect(root.headers["x-health"] == "1")
        let nested = try await client.execute(.get, "/v2/healthz")
        #expect(nested.bodyText == "ok")
        #expect(nested.headers.values(for: "x-health") == ["1", "1"])   // the group's and the router's middleware
    }
}

extension RouteBuilder {
    /// Adds `GET /healthz` and stamps responses, using only `RouteBuilder` requirements.
    mutating func health() {
        add(middleware: MiddlewareClosure<Context> { request, context, next in
            var response = try await next(request, context)
            response.headers.add(name: "X-Health", value: "1")
            return response
        })
        group("/", metadata: RouteMetadata()) { group in
            group.get("/healthz") { _, _ in .text("ok") }
        }
    }
}
