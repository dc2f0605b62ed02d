import EntraAuth
import Foundation
import HTTPServer
import Testing

/// The middleware through the router test seam: statuses, challenges, problem bodies, identity
/// in the context, Easy Auth headers, rules, group/route combination, endpoints and logs.
@Suite("EntraAuthentication middleware")
struct EntraAuthenticationTests {
    let client = try! makeTestRouter(makeTestAuth()).testClient()

    private func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    @Test("anonymous route: no token needed, any token ignored")
    func anonymous() async throws {
        #expect(try await client.execute(.get, "/healthz").bodyText == "ok")
        #expect(try await client.execute(.get, "/healthz", headers: bearer("garbage")).status == .ok)
    }

    @Test("a valid token reaches the handler, which answers with the claims exactly as signed")
    func valid() async throws {
        let token = TestTokens.token()
        let response = try await client.execute(.get, "/api/claims", headers: bearer(token))
        #expect(response.status == .ok)
        #expect(response.headers["content-type"] == "application/json")
        let payload = try Base64URL.decode(token.split(separator: ".")[1])
        #expect(response.body == payload)
        #expect(try await client.execute(.get, "/api/admin", headers: bearer(token)).status == .ok)
        #expect(try await client.execute(.get, "/.auth/me", headers: bearer(token)).body == payload)
    }

    @Test("no token: 401, a challenge without error code, problem+json reason missingToken")
    func noToken() async throws {
        let response = try await client.execute(.get, "/api/claims")
        #expect(response.status == .unauthorized)
        #expect(response.challenge == #"Bearer realm="aad-func""#)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(response.reason == "missingToken")
    }

    @Test("a malformed Authorization header: 400 invalid_request")
    func malformedHeader() async throws {
        let response = try await client.execute(.get, "/api/claims", headers: ["Authorization": "Bearer a b"])
        #expect(response.status == .badRequest)
        #expect(response.challenge?.contains(#"error="invalid_request""#) == true)
        #expect(response.reason == "malformedAuthorizationHeader")
    }

    @Test("a token in the query string, or two Authorization fields: 400 invalid_request, handler not reached")
    func tokenInQueryOrTwice() async throws {
        let token = TestTokens.token()
        let query = try await client.execute(.get, "/api/claims?access_token=\(token)")
        #expect(query.status == .badRequest)
        #expect(query.reason == "tokenInDisallowedLocation")
        #expect(query.challenge?.contains(#"error="invalid_request""#) == true)
        var twice = HTTPHeaders()
        twice.add(name: "Authorization", value: "Bearer \(token)")
        twice.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(.get, "/api/claims", headers: twice)
        #expect(response.status == .badRequest)
        #expect(response.reason == "multipleTokens")
    }

    @Test("an expired token: 401 invalid_token with the expiry in error_description, never the token")
    func expired() async throws {
        let token = TestTokens.token(["exp": .number(JSONNumber(Int64(TestTokens.now) - 3600))])
        let response = try await client.execute(.get, "/api/claims", headers: bearer(token))
        #expect(response.status == .unauthorized)
        let challenge = try #require(response.challenge)
        #expect(challenge.hasPrefix(#"Bearer realm="aad-func", error="invalid_token", error_description="the token expired at 2025-12-31T23:00:00Z"#))
        #expect(response.reason == "expired")
        #expect(!response.bodyText.contains(token.prefix(30)))
        #expect(!challenge.contains(token.prefix(30)))
    }

    @Test("a caller without DoAll: 403 insufficient_scope naming the role, reason and requirement in the body")
    func forbidden() async throws {
        let token = TestTokens.token(["roles": nil])
        let response = try await client.execute(.get, "/api/admin", headers: bearer(token))
        #expect(response.status == .forbidden)
        #expect(response.challenge?.contains(#"error="insufficient_scope""#) == true)
        #expect(response.challenge?.contains("lacks app role 'DoAll'") == true)
        #expect(response.reason == "insufficientAccess")
        #expect((try? JSONReader.parse(response.body))?["requirement"]?.stringValue == #"anyRole("DoAll")"#)
        #expect(try await client.execute(.get, "/api/claims", headers: bearer(token)).status == .ok)
    }

    @Test("a Graph token: 401 with the Graph diagnosis")
    func graph() async throws {
        let token = TestTokens.sign(TestTokens.claims(["aud": .string("https://graph.microsoft.com")]),
                                    header: [("typ", .string("JWT")), ("nonce", .string("n")), ("alg", .string("RS256")), ("kid", .string(TestTokens.keyID))])
        let response = try await client.execute(.get, "/api/claims", headers: bearer(token))
        #expect(response.status == .unauthorized)
        #expect(response.reason == "graphToken")
        #expect(response.bodyText.contains("Microsoft Graph"))
    }

    @Test("keys never loaded: 503 with Retry-After and the reason, not 401")
    func keysUnavailable() async throws {
        let client = try makeTestRouter(makeTestAuth(keys: StaticKeys(nil))).testClient()
        let response = try await client.execute(.get, "/api/claims", headers: bearer(TestTokens.token()))
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["retry-after"] == "5")
        #expect(response.reason == "signingKeysUnavailable")
        #expect(try await client.execute(.get, "/healthz").status == .ok)
    }

    @Test("unknown paths and methods keep their 404 and 405")
    func unmatched() async throws {
        #expect(try await client.execute(.get, "/nope").status == .notFound)
        #expect(try await client.execute(.post, "/api/claims").status == .methodNotAllowed)
    }

    @Test("Easy Auth off: X-MS-CLIENT-PRINCIPAL* headers never reach handlers and grant nothing")
    func easyAuthStripped() async throws {
        let principal = Data(#"{"claims":[{"typ":"roles","val":"DoAll"}]}"#.utf8).base64EncodedString()
        let headers: HTTPHeaders = ["X-MS-CLIENT-PRINCIPAL": principal, "x-ms-client-principal-id": "someone",
                                    "X-Ms-Client-Principal-Name": "admin@contoso.com", "Authorization": "Bearer \(TestTokens.token())"]
        let response = try await client.execute(.get, "/api/headers", headers: headers)
        #expect(response.status == .ok)
        #expect(!response.bodyText.lowercased().contains("x-ms-client-principal"))
        #expect(try await client.execute(.get, "/api/admin", headers: ["X-MS-CLIENT-PRINCIPAL": principal]).status == .unauthorized)
    }

    @Test("Easy Auth trusted: the principal is the identity without a bearer token; a bearer token still wins and is validated")
    func easyAuthTrusted() async throws {
        let client = try makeTestRouter(makeTestAuth(easyAuth: .trusted)).testClient()
        let principal = Data(#"{"claims":[{"typ":"roles","val":"DoAll"},{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"abc"}]}"#.utf8).base64EncodedString()
        #expect(try await client.execute(.get, "/api/admin", headers: ["X-MS-CLIENT-PRINCIPAL": principal]).status == .ok)
        let response = try await client.execute(.get, "/api/headers", headers: ["X-MS-CLIENT-PRINCIPAL": principal])
        #expect(response.bodyText.contains("identity: abc"))
        let badBearer = try await client.execute(.get, "/api/admin", headers: ["X-MS-CLIENT-PRINCIPAL": principal, "Authorization": "Bearer \(TestTokens.token(["aud": .string("api://other")]))"])
        #expect(badBearer.status == .unauthorized)
        #expect(try await client.execute(.get, "/api/admin", headers: ["X-MS-CLIENT-PRINCIPAL": "%%%"]).status == .unauthorized)
    }

    @Test("rules from JSON add requirements (AND) to routes")
    func rules() async throws {
        let probe = makeTestRouter(makeTestAuth())
        let rules = try AccessRules(parsing: Array(#"{"rules":[{"method":"GET","path":"/api/claims","require":{"anyRole":["Reader"]}},{"path":"/api/*","require":"appOnly"}]}"#.utf8),
                                    checkedAgainst: probe)
        let client = try makeTestRouter(makeTestAuth(rules: rules)).testClient()
        let withoutReader = try await client.execute(.get, "/api/claims", headers: bearer(TestTokens.token()))
        #expect(withoutReader.status == .forbidden)
        #expect((try? JSONReader.parse(withoutReader.body))?["requirement"]?.stringValue == #"anyRole("Reader")"#)
        let reader = TestTokens.token(["roles": .array([.string("Reader")])])
        #expect(try await client.execute(.get, "/api/claims", headers: bearer(reader)).status == .ok)
        #expect(try await client.execute(.get, "/api/admin", headers: bearer(reader)).status == .forbidden)
        #expect(try await client.execute(.get, "/api/admin", headers: bearer(TestTokens.token())).status == .ok)
        let user = TestTokens.token(["idtyp": nil, "scp": .string("x")])
        #expect(try await client.execute(.get, "/api/admin", headers: bearer(user)).status == .forbidden)
    }

    @Test("a rule's trailing slash is the router's: /api/admin/ guards /api/admin, and a request for /api/admin/ reaches neither (fuzz finding access-rules/rule-pattern-trailing-slash)")
    func ruleTrailingSlash() async throws {
        let probe = makeTestRouter(makeTestAuth())
        let rules = try AccessRules(parsing: Array(#"{"rules":[{"method":"GET","path":"/api/admin/","require":{"anyRole":["Nope"]}}]}"#.utf8),
                                    checkedAgainst: probe)
        #expect(rules.requirement(for: .get, path: "/api/admin") != nil)
        #expect(rules.requirement(for: .get, path: "/api/admin/") == nil)
        let hits = HandlerHits()
        let client = try makeTestRouter(makeTestAuth(rules: rules), hits: hits).testClient()
        #expect(try await client.execute(.get, "/api/admin", headers: bearer(TestTokens.token())).status == .forbidden)
        #expect(try await client.execute(.get, "/api/admin/", headers: bearer(TestTokens.token())).status == .notFound)
        #expect(hits.value == 0)
    }

    @Test("rules files: unknown members, bad requirements, JSON errors and patterns matching no route are refused at load", arguments: [
        (#"{"rules":[{"path":"/api/admin","require":"authenticated","anonymous":true}]}"#, "declared in code only"),
        (#"{"rules":[{"path":"/api/admni","require":"authenticated"}]}"#, "matches no route"),
        (#"{"rules":[{"method":"POST","path":"/api/admin","require":"authenticated"}]}"#, "matches no route"),
        (#"{"rules":[{"path":"/api/admin","require":{"anyRole":[]}}]}"#, "rules[0].require.anyRole"),
        (#"{"rules":[{"path":"/api/admin"}]}"#, "rules[0].require: is missing"),
        (#"{"rules":[],"extra":1}"#, "unknown member"),
        ("{\"rules\":\n[,]}", "line 2, column 2"),
    ])
    func badRules(json: String, expected: String) {
        do {
            _ = try AccessRules(parsing: Array(json.utf8), checkedAgainst: makeTestRouter(makeTestAuth()))
            Issue.record("loaded \(json)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test("rule patterns may name concrete paths of parameterised routes and wildcard prefixes")
    func rulePatternsAgainstRoutes() throws {
        var router = Router(context: EntraAuthRequestContext.self)
        router.get("/items/:id") { _, _ in .text("") }
        for pattern in ["/items/42", "/items/*", "/items/**", "/items/:anything"] {
            _ = try AccessRules(parsing: Array(#"{"rules":[{"path":"\#(pattern)","require":"authenticated"}]}"#.utf8), checkedAgainst: router)
        }
    }

    @Test("a group's access and a route's combine with AND")
    func groupAndRoute() async throws {
        var router = Router(context: EntraAuthRequestContext.self)
        router.add(middleware: makeTestAuth())
        router.group("/ops", access: .appOnly) { ops in
            ops.get("/both", access: .anyRole("Ops")) { _, _ in .text("ok") }
            ops.get("/group-only") { _, _ in .text("ok") }
        }
        let client = try router.testClient()
        let app = TestTokens.token()
        let appWithOps = TestTokens.token(["roles": .array([.string("Ops")])])
        let userWithOps = TestTokens.token(["roles": .array([.string("Ops")]), "idtyp": nil, "scp": .string("s")])
        #expect(try await client.execute(.get, "/ops/both", headers: bearer(app)).status == .forbidden)
        #expect(try await client.execute(.get, "/ops/both", headers: bearer(userWithOps)).status == .forbidden)
        #expect(try await client.execute(.get, "/ops/both", headers: bearer(appWithOps)).status == .ok)
        #expect(try await client.execute(.get, "/ops/group-only", headers: bearer(app)).status == .ok)
    }

    @Test("an anonymous route inside a protected group is refused when the router is built, naming the route")
    func anonymousInProtectedGroup() {
        var router = Router(context: EntraAuthRequestContext.self)
        router.add(middleware: makeTestAuth())
        router.group("/admin", access: .anyRole("DoAll")) { admin in
            admin.get("/open", access: .anonymous) { _, _ in .text("oops") }
        }
        do {
            _ = try router.testClient()
            Issue.record("the router was built")
        } catch {
            #expect(error.reason == .conflictingMetadata)
            #expect(error.description.contains("GET /admin/open"))
            #expect(error.description.contains("anonymous"))
        }
    }

    @Test("routes without access: are protected by default")
    func protectedByDefault() async throws {
        var router = Router(context: EntraAuthRequestContext.self)
        router.add(middleware: makeTestAuth())
        router.get("/forgot-to-say") { _, _ in .text("secret") }
        router.group("/g") { $0.get("/x") { _, _ in .text("secret") } }
        let client = try router.testClient()
        #expect(try await client.execute(.get, "/forgot-to-say").status == .unauthorized)
        #expect(try await client.execute(.get, "/g/x").status == .unauthorized)
    }

    @Test("one log line per refusal with reason, kid, appid, oid, tid — never the token")
    func refusalLog() async throws {
        let capture = CapturingLogHandler()
        let client = try makeTestRouter(makeTestAuth()).testClient(logger: capture.logger)
        let token = TestTokens.token(["roles": nil])
        _ = try await client.execute(.get, "/api/admin", headers: bearer(token))
        let records = capture.all.filter { $0.message == "request refused" }
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.field("reason") == "insufficientAccess")
        #expect(record.field("kid") == TestTokens.keyID)
        #expect(record.field("appid") == TestTokens.clientAppID)
        #expect(record.field("oid") == TestTokens.objectID)
        #expect(record.field("tid") == TestTokens.tenantID)
        #expect(record.field("status") == "403")
        #expect(!record.metadata.contains { $0.value.contains(token.prefix(30)) })
    }

    @Test("metrics: counters by reason and cache use in Prometheus text")
    func metrics() async throws {
        let client = try makeTestRouter(makeTestAuth()).testClient()
        let token = TestTokens.token()
        _ = try await client.execute(.get, "/api/claims", headers: bearer(token))
        _ = try await client.execute(.get, "/api/claims", headers: bearer(token))
        _ = try await client.execute(.get, "/api/claims")
        _ = try await client.execute(.get, "/api/admin", headers: bearer(TestTokens.token(["roles": nil])))
        let text = try await client.execute(.get, "/metrics").bodyText
        #expect(text.contains("entraauth_tokens_accepted_total 3"))
        #expect(text.contains(#"entraauth_tokens_refused_total{reason="missingToken"} 1"#))
        #expect(text.contains(#"entraauth_tokens_refused_total{reason="insufficientAccess"} 1"#))
        #expect(text.contains("entraauth_token_cache_hits_total 1"))
        #expect(text.contains("entraauth_token_cache_entries 2"))
    }
}
