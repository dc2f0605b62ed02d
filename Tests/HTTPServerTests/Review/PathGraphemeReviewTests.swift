import Testing
@testable import HTTPServer

/// Security review, attacks.md B17 ("the router and the auth-policy matcher use the same
/// normalized path"). Swift `String` APIs work on grapheme clusters: a combining mark after `/`
/// (or a prepended mark before it) glues onto the slash, so `path.hasPrefix("/api/admin/")` and
/// `path.split(separator: "/")` stop seeing that separator while byte-level matching still does.
/// A router and a rule matcher written in the two styles would then disagree about the same path.
/// The parser refuses such paths, so every `/` in ``HTTPRequest/path`` is a separator for both.
@Suite("Review: path separators and grapheme clusters")
struct PathGraphemeReviewTests {
    @Test(arguments: [
        "/api/admin/%CC%81x",  // U+0301 COMBINING ACUTE ACCENT after "/"
        "/api/%E2%80%8D/admin",  // U+200D ZERO WIDTH JOINER after "/"
        "/api/%D8%80/admin",  // U+0600 ARABIC NUMBER SIGN (Prepend) before "/"
        "/%EF%B8%8F",  // U+FE0F VARIATION SELECTOR-16 after "/"
    ])
    func slashGluedToAMarkIsRefused(_ target: String) {
        let outcome = ParserDriver.run("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(outcome.reason == .invalidRequestTarget, "\(target)")
        // The absolute-form path goes through the same decoding.
        let absolute = ParserDriver.run("GET http://h\(target) HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(absolute.reason == .invalidRequestTarget, "http://h\(target)")
    }

    /// Non-ASCII that does not touch a separator stays allowed, and for every accepted path the
    /// grapheme view and the byte view agree on where the separators are.
    @Test(arguments: ["/caf%C3%A9/x", "/a%CC%81/b", "/api/admin%CC%81/x", "/%E6%97%A5%E6%9C%AC/%F0%9F%98%80", "/x%EF%B8%8F/y"])
    func otherNonASCIIIsAccepted(_ target: String) throws {
        let request = try #require(ParserDriver.run("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n").first)
        let byteSegments = request.path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).count
        let characterSegments = request.path.split(separator: "/", omittingEmptySubsequences: false).count
        #expect(byteSegments == characterSegments)
    }
}
