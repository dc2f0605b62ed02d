import Testing
@testable import HTTPServer

/// Security review, attacks.md A6 #39 (multiple Authorization headers) and B20 (hop-by-hop
/// abuse): the parser must hand the authentication middleware every credential field exactly as
/// received, never merged, reordered or dropped, so the middleware can refuse duplicates.
@Suite("Review: credential headers")
struct CredentialHeaderReviewTests {
    /// A6 #39: two Authorization lines (any case) both reach the middleware, in order, so it can
    /// answer 400 instead of a proxy and the app each picking a different one.
    @Test func duplicateAuthorizationFieldsAreKeptApart() throws {
        let request = try #require(
            ParserDriver.run(
                "GET /api HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer first\r\nX: y\r\nauthorization: Bearer second\r\n\r\n"
            ).first)
        #expect(request.headers.values(for: "Authorization") == ["Bearer first", "Bearer second"])
        #expect(request.headers.values(for: "AUTHORIZATION").count == 2)
    }

    /// A6 #39: a comma inside one Authorization value is kept verbatim (it is not a list field),
    /// so the bearer grammar check sees it and refuses.
    @Test func authorizationValueIsNotSplitOrTrimmedInside() throws {
        let request = try #require(
            ParserDriver.run("GET / HTTP/1.1\r\nHost: h\r\nAuthorization: \t Bearer a.b.c, Bearer d.e.f \t\r\n\r\n").first)
        #expect(request.headers["authorization"] == "Bearer a.b.c, Bearer d.e.f")
    }

    /// B20: `Connection: Authorization` does not make the parser drop the Authorization field
    /// (hop-by-hop handling is a proxy's job; an origin server keeps what it received).
    @Test func connectionOptionsDoNotRemoveFields() throws {
        let request = try #require(
            ParserDriver.run("GET / HTTP/1.1\r\nHost: h\r\nConnection: Authorization, keep-alive\r\nAuthorization: Bearer t\r\n\r\n").first)
        #expect(request.headers["authorization"] == "Bearer t")
    }

    /// A6 / B13: a credential can never arrive through the trailer section.
    @Test func authorizationInTrailersIsRefused() {
        let outcome = ParserDriver.run(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nAuthorization: Bearer t\r\n\r\n")
        #expect(outcome.reason == .forbiddenTrailerField)
        #expect(outcome.requests.isEmpty)
    }
}
