import Testing
@testable import HTTPServer

/// `RouteMatcher` must agree with the router on every path: it is how access rules loaded at run
/// time decide which rule guards a request.
@Suite struct RouteMatcherTests {
    static let patterns = [
        "/", "/users/:id", "/users/me", "/users/:id/files/**", "/any/*/end", "/a/b/c", "/a/:x/d",
        "/caf\u{E9}/menu", "/files/**",
    ]

    @Test func agreesWithTheRouterOnEveryPath() async throws {
        var router = Router()
        for pattern in Self.patterns {
            router.get(pattern) { _, context in .text(context.route?.pattern ?? "") }
        }
        let matcher = try RouteMatcher(Self.patterns.map { (method: HTTPMethod.get, pattern: $0, value: $0) })
        let client = try router.testClient()
        let paths = [
            "/", "/users/42", "/users/me", "/users/7/files/a/b.txt", "/users/7/files", "/users/42/", "//users/42",
            "/any/thing/end", "/any/thing/else", "/a/b/c", "/a/b/d", "/a/q/d", "/caf\u{E9}/menu",
            "/cafe\u{301}/menu", "/files/x", "/files", "/nothing",
        ]
        for path in paths {
            let routed = try await client.execute(.get, Self.encode(path))
            let matched = matcher.match(.get, path: path)
            if routed.status == .ok {
                #expect(matched?.pattern == routed.bodyText, "\(path)")
                #expect(matched?.value == routed.bodyText, "\(path)")
            } else {
                #expect(matched == nil, "\(path)")
            }
        }
    }

    /// Percent-encodes non-ASCII bytes so the path can be sent as a request target.
    static func encode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            if byte < 0x80 { out.append(Character(Unicode.Scalar(byte))) } else { out += "%" + String(byte, radix: 16, uppercase: true) }
        }
        return out
    }

    @Test func anyMethodRulesAndFirstRuleWins() throws {
        let matcher = try RouteMatcher<String>([
            (method: .get, pattern: "/api/items/:id", value: "Reader"),
            (method: nil, pattern: "/api/items/:id", value: "Writer"),
            (method: .get, pattern: "/api/items/:id", value: "shadowed"),
            (method: nil, pattern: "/api/admin/**", value: "DoAll"),
            (method: .delete, pattern: "/api/admin/**", value: "shadowed too"),
        ])
        #expect(matcher.match(.get, path: "/api/items/7")?.value == "Reader")
        #expect(matcher.match(.post, path: "/api/items/7")?.value == "Writer")
        #expect(matcher.match(.delete, path: "/api/admin/cache/x")?.value == "DoAll")
        #expect(matcher.match(.delete, path: "/api/admin/cache/x")?.pattern == "/api/admin/**")
        #expect(matcher.match(.get, path: "/api/admin") == nil)   // ** needs one segment or more
        #expect(matcher.match(.get, path: "api/items/7") == nil)
    }

    @Test func headFallsBackToGetRulesLikeTheRouter() throws {
        let matcher = try RouteMatcher([(method: HTTPMethod.get, pattern: "/admin", value: "DoAll")])
        #expect(matcher.match(.head, path: "/admin")?.value == "DoAll")
        #expect(matcher.match(.post, path: "/admin") == nil)
    }

    @Test func literalsBeatParametersAndBacktrack() throws {
        let matcher = try RouteMatcher<Int>([
            (method: nil, pattern: "/a/:x/d", value: 1),
            (method: nil, pattern: "/a/b/c", value: 2),
            (method: nil, pattern: "/a/*/**", value: 3),
        ])
        #expect(matcher.match(.get, path: "/a/b/c")?.value == 2)
        #expect(matcher.match(.get, path: "/a/b/d")?.value == 1)
        #expect(matcher.match(.get, path: "/a/b/e/f")?.value == 3)
    }

    @Test(arguments: ["/x/**/y", "/x/:", "x", "/a//b", ""])
    func invalidPatternsAreRefused(pattern: String) {
        #expect {
            _ = try RouteMatcher([(method: HTTPMethod.put, pattern: pattern, value: 0)])
        } throws: { error in
            let error = error as? RouteConfigurationError
            return error?.reason == .invalidPattern && error?.pattern == pattern && error?.method == .put
        }
    }
}
