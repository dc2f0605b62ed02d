import Testing
@testable import HTTPServer

/// Request-target, query and authority rules, checked through the parser.
@Suite struct ParserTargetTests {
    private func request(target: String, host: String = "h") -> ParseOutcome {
        ParserDriver.run("GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\r\n")
    }

    @Test(arguments: [
        "example.com", "example.com:1", "example.com:65535", "EXAMPLE.com", "127.0.0.1:8080", "[::1]", "[::1]:443",
        "[2001:db8::7]:80", "my_host-1.example", "xn--bcher-kva.example", "a%20b",
    ])
    func validHosts(host: String) {
        let outcome = request(target: "/", host: host)
        #expect(outcome.error == nil)
        #expect(outcome.first?.authority == host)
    }

    @Test(arguments: [
        "example.com:", "example.com:65536", "example.com:123456", "example.com:8a", "user@example.com", "a b",
        "example.com/path", "[::1", "[]", "[::1]x", "[zz::1]", "a,b c", "a%2", ":80", "example.com:80:80",
    ])
    func invalidHosts(host: String) {
        #expect(request(target: "/", host: host).reason == .invalidHost)
    }

    @Test(arguments: [
        ("/", "/"), ("/a/b/", "/a/b/"), ("/%41%42", "/AB"), ("/a%2Bb", "/a+b"), ("/.well-known/x", "/.well-known/x"),
        ("/a..b/...", "/a..b/..."), ("/~user/!$&'()*+,;=:@", "/~user/!$&'()*+,;=:@"), ("//double", "//double"),
    ])
    func decodedPaths(target: String, path: String) {
        #expect(request(target: target).first?.path == path)
    }

    @Test(arguments: ["/.", "/./a", "/a/..", "/%2e", "/a/%2E%2e/b", "/a%2f", "/a%5", "/%", "/%0A", "/%7f", "/[x]", "/a b", "/a\"b", "/{x}", "/a^b", "/a`b"])
    func refusedTargets(target: String) {
        #expect(request(target: target).reason != nil, "\(target)")
    }

    @Test func queryKeepsOrderAndRepeats() throws {
        let request = try #require(request(target: "/s?tag=a&tag=b&q=%2B1+2&=v&k=").first)
        #expect(request.query.values(for: "tag") == ["a", "b"])
        #expect(request.query["q"] == "+1 2")
        #expect(request.query[""] == "v")
        #expect(request.query["k"] == "")
        #expect(request.query.items.count == 5)
    }

    @Test func emptyQueryHasNoItems() throws {
        let request = try #require(request(target: "/s?").first)
        #expect(request.query.items.isEmpty)
        #expect(request.path == "/s")
        #expect(request.rawTarget == "/s?")
    }

    @Test func queryWithInvalidUTF8IsRefused() {
        #expect(request(target: "/s?x=%FF").reason == .invalidRequestTarget)
    }

    @Test func asteriskOnlyWithOptions() {
        #expect(ParserDriver.run("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").error == nil)
        #expect(ParserDriver.run("OPTIONS *x HTTP/1.1\r\nHost: h\r\n\r\n").reason == .invalidRequestTarget)
        #expect(ParserDriver.run("DELETE * HTTP/1.1\r\nHost: h\r\n\r\n").reason == .invalidRequestTarget)
    }

    @Test func connectNeedsHostAndPort() {
        #expect(ParserDriver.run("CONNECT example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").reason == .invalidHost)
        #expect(ParserDriver.run("CONNECT /x HTTP/1.1\r\nHost: example.com\r\n\r\n").reason == .invalidHost)
    }
}
