import Testing
@testable import HTTPServer

/// Security review of the effective authority (attacks.md B16 "Host header rules" and B15
/// "absolute-form"): the host an authorization or host allow-list check sees must be one host.
@Suite("Review: Host and authority")
struct HostAuthorityReviewTests {
    /// attacks.md B16 / http11probe SMUG-MULTIPLE-HOST-COMMA: a comma in Host is a list of hosts
    /// to an intermediary that splits on commas (it routes on one, we would authorize on the
    /// other). RFC 3986 `reg-name` technically admits `,`, but no DNS name, IP literal or real
    /// client uses one, so the strict choice is to refuse it with or without the space.
    @Test(arguments: [
        "a.example,b.example", "a.example,", ",a.example", "a.example:8080,b.example", "a.example,b.example:80",
    ])
    func hostWithACommaIsRefused(_ host: String) {
        let outcome = ParserDriver.run("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(outcome.reason == .invalidHost)
        #expect(outcome.error?.status.code == 400)
    }

    /// The same rule holds for the authority of an absolute-form target, which overrides Host.
    @Test func absoluteFormAuthorityWithACommaIsRefused() {
        let outcome = ParserDriver.run("GET http://a.example,b.example/admin HTTP/1.1\r\nHost: a.example\r\n\r\n")
        #expect(outcome.reason == .invalidHost)
    }

    /// Other sub-delims stay legal reg-name characters (RFC 3986 §3.2.2), so this is a targeted
    /// refusal, not a narrowing of valid hosts.
    @Test(arguments: ["a-b.example", "a_b.example", "xn--caf-dma.example:443", "[::1]:8080", "127.0.0.1", "a!$&'()*+;=b"])
    func ordinaryHostsAreAccepted(_ host: String) throws {
        let request = try #require(ParserDriver.run("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n").first)
        #expect(request.authority == host)
    }

    /// attacks.md B15: with an absolute-form target the effective authority is the target's, not
    /// the Host field's (RFC 9112 §3.2.2), so a mismatching Host cannot steer host checks.
    @Test func absoluteFormAuthorityWinsOverHost() throws {
        let request = try #require(
            ParserDriver.run("GET http://api.example/admin HTTP/1.1\r\nHost: evil.example\r\n\r\n").first)
        #expect(request.authority == "api.example")
        #expect(request.path == "/admin")
    }

    /// attacks.md B16: userinfo, paths, whitespace, empty values and bad ports are refused.
    @Test(arguments: [
        "user@a.example", "a.example/path", "a.example:99999", "a.example:", "a.example:8o", "[::1", "[]", "a .example",
        "a.example:80:80", "::1",
    ])
    func malformedHostsAreRefused(_ host: String) {
        let outcome = ParserDriver.run("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(outcome.reason == .invalidHost)
    }
}
