import Testing
@testable import HTTPServer
import TestSupport

/// Security review of the runtime, attacks.md B17 ("the router and the auth-policy matcher use the
/// same normalized path"). The route trie keyed its literal segments by `Substring`, whose `==` and
/// hashing follow Unicode canonical equivalence: a route registered as `/caf\u{E9}` (NFC) also
/// answered `/cafe%CC%81` (NFD), and so did any policy table keyed the same way — while a matcher
/// comparing bytes (a prefix rule, a log filter, a proxy rule) saw two different paths. Literal
/// segments are now compared byte for byte, the way the rest of the server compares paths.
@Suite("Review: router compares path bytes", .timeLimit(.minutes(1)))
struct RuntimeRouterBytesReviewTests {
    static func router() -> Router<BasicRequestContext> {
        var router = Router(context: BasicRequestContext.self)
        router.get("/caf\u{E9}/menu") { _, _ in .text("nfc") }
        router.get("/admin/r\u{E9}sum\u{E9}") { _, _ in .text("nfc-admin") }
        router.get("/x/cafe\u{301}") { _, _ in .text("nfd") }
        return router
    }

    @Test func canonicallyEquivalentButDifferentBytesDoNotMatch() async throws {
        try await withServer(Self.router()) { port in
            let client = try RawClient(port: port)
            for (target, status, body) in [
                ("/caf%C3%A9/menu", 200, "nfc"),
                ("/cafe%CC%81/menu", 404, ""),
                ("/admin/r%C3%A9sum%C3%A9", 200, "nfc-admin"),
                ("/admin/re%CC%81sume%CC%81", 404, ""),
                ("/x/cafe%CC%81", 200, "nfd"),
                ("/x/caf%C3%A9", 404, ""),
            ] {
                try await client.send("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.statusCode == status, "\(target)")
                if status == 200 { #expect(response.text == body, "\(target)") }
            }
        }
    }

    /// Two routes whose patterns differ only in normalisation are two routes.
    @Test func equivalentPatternsStayDistinct() throws {
        var trie = RouteTrie()
        trie.insert(method: .get, pattern: try RoutePattern("/caf\u{E9}"))
        trie.insert(method: .get, pattern: try RoutePattern("/cafe\u{301}"))
        #expect(trie.match(.get, path: "/caf\u{E9}")?.index == 0)
        #expect(trie.match(.get, path: "/cafe\u{301}")?.index == 1)
    }
}
