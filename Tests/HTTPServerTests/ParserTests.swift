import Testing
@testable import HTTPServer

@Suite struct ParserTests {
    /// Every accepted-shape test runs all at once, byte at a time and in 7-byte pieces.
    static let feeds: [Int?] = [nil, 1, 7]

    @Test(arguments: feeds)
    func simpleGet(chunkSize: Int?) throws {
        let outcome = ParserDriver.run("GET /hello HTTP/1.1\r\nHost: localhost:8080\r\n\r\n", chunkSize: chunkSize)
        #expect(outcome.error == nil)
        let request = try #require(outcome.first)
        #expect(request.method == .get)
        #expect(request.rawTarget == "/hello")
        #expect(request.path == "/hello")
        #expect(request.query.items.isEmpty)
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "localhost:8080")
        #expect(request.authority == "localhost:8080")
        #expect(request.body.isEmpty)
        #expect(outcome.requests.first?.keepAlive == true)
        #expect(outcome.headCompletes.isEmpty)
        #expect(!outcome.midRequest)
    }

    @Test func headersKeepOrderCaseAndTrimming() throws {
        let outcome = ParserDriver.run(
            "GET / HTTP/1.1\r\nHost: h\r\nX-A:\t one two \t\r\nx-a: 2\r\nEmpty:\r\nLatin: caf\u{E9}\r\n\r\n")
        let request = try #require(outcome.first)
        #expect(request.headers.map(\.name) == ["Host", "X-A", "x-a", "Empty", "Latin"])
        #expect(request.headers.values(for: "X-A") == ["one two", "2"])
        #expect(request.headers["empty"] == "")
        #expect(request.headers["latin"] == "caf\u{E9}")
    }

    @Test func obsTextInValueIsAccepted() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: h\r\nX: a".utf8) + [0xFF, 0x80] + Array("b\r\n\r\n".utf8)
        let outcome = ParserDriver.run(bytes)
        let request = try #require(outcome.first)
        #expect(request.headers["x"]?.hasPrefix("a") == true)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: h\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
        ("GET / HTTP/1.2\r\nHost: h\r\n\r\n", true),
        ("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", false),
    ])
    func keepAlive(input: String, expected: Bool) throws {
        let outcome = ParserDriver.run(input)
        #expect(outcome.error == nil)
        #expect(try #require(outcome.requests.first).keepAlive == expected)
    }

    @Test(arguments: feeds)
    func pipelinedRequestsComeOutInOrder(chunkSize: Int?) throws {
        let input =
            "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
            + "\r\nDELETE /d HTTP/1.1\r\nHost: h\r\n\r\n"
        let outcome = ParserDriver.run(input, chunkSize: chunkSize)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.request.path) == ["/a", "/b", "/c", "/d"])
        #expect(outcome.requests.map(\.request.method) == [.get, .post, .put, .delete])
        #expect(outcome.requests.map { String(decoding: $0.request.body, as: UTF8.self) } == ["", "abc", "xy", ""])
        #expect(!outcome.midRequest)
    }

    @Test func bytesAfterConnectionCloseAreIgnored() {
        let outcome = ParserDriver.run(
            "GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\nGARBAGE\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.request.path) == ["/a"])
        #expect(outcome.requests.first?.keepAlive == false)
        #expect(!outcome.midRequest)
    }

    @Test(arguments: feeds)
    func contentLengthBody(chunkSize: Int?) throws {
        let outcome = ParserDriver.run(
            "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world", chunkSize: chunkSize)
        let request = try #require(outcome.first)
        #expect(request.body == Array("hello world".utf8))
        // When the body arrives after the head, the head is announced first.
        #expect(outcome.headCompletes == (chunkSize == nil ? [] : [false]))
    }

    @Test func headCompleteCarriesExpectContinue() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits())
        Array("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n".utf8)
            .withUnsafeBytes { parser.append($0) }
        guard case .headComplete(let expectsContinue) = try parser.next() else {
            Issue.record("expected headComplete")
            return
        }
        #expect(expectsContinue)
        #expect(parser.isMidRequest)
        #expect(try parser.next() == nil)
        Array("ok".utf8).withUnsafeBytes { parser.append($0) }
        guard case .request(let request, _) = try parser.next() else {
            Issue.record("expected request")
            return
        }
        #expect(request.body == Array("ok".utf8))
        #expect(!parser.isMidRequest)
    }

    @Test func expectIsIgnoredInHTTP10() throws {
        let outcome = ParserDriver.run(
            "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n", chunkSize: 1)
        #expect(outcome.error == nil)
        #expect(outcome.headCompletes == [false])
        #expect(outcome.midRequest)
    }

    @Test(arguments: feeds)
    func chunkedBodyWithExtensionsAndTrailers(chunkSize: Int?) throws {
        let input =
            "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
            + "5;name=value;flag\r\nhello\r\n"
            + "6 ; q=\"a \\\"quoted\\\" ;x\"\r\n world\r\n"
            + "000\r\nX-Checksum: abc\r\nX-Other:  2 \r\n\r\n"
        let outcome = ParserDriver.run(input, chunkSize: chunkSize)
        #expect(outcome.error == nil)
        let request = try #require(outcome.first)
        #expect(request.body == Array("hello world".utf8))
        #expect(request.trailers["x-checksum"] == "abc")
        #expect(request.trailers["X-Other"] == "2")
        #expect(request.headers["x-checksum"] == nil)
    }

    @Test func chunkLineOverheadIsCappedPerBody() {
        let limits = HTTPParserLimits(maxBodyBytes: 1 << 20)
        let chunk = "1;" + String(repeating: "e", count: 1000) + "\r\nx\r\n"
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let within = ParserDriver.run(head + String(repeating: chunk, count: 60) + "0\r\n\r\n", limits: limits)
        #expect(within.first?.body.count == 60)
        let beyond = ParserDriver.run(head + String(repeating: chunk, count: 70) + "0\r\n\r\n", limits: limits)
        #expect(beyond.reason == .chunkExtensionsTooLong)
    }

    @Test func emptyChunkedBody() throws {
        let request = try #require(
            ParserDriver.run("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").first)
        #expect(request.body.isEmpty)
        #expect(request.trailers.isEmpty)
    }

    @Test func leadingEmptyLinesAreSkipped() throws {
        let outcome = ParserDriver.run("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", chunkSize: 1)
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test func percentDecodedPathAndQuery() throws {
        let request = try #require(
            ParserDriver.run("GET /caf%C3%A9/a%20b?q=a+b%26c&empty=&flag&&x=%F0%9F%98%80 HTTP/1.1\r\nHost: h\r\n\r\n").first)
        #expect(request.path == "/caf\u{E9}/a b")
        #expect(request.rawTarget == "/caf%C3%A9/a%20b?q=a+b%26c&empty=&flag&&x=%F0%9F%98%80")
        #expect(request.query.items.map(\.name) == ["q", "empty", "flag", "x"])
        #expect(request.query["q"] == "a b&c")
        #expect(request.query["empty"] == "")
        #expect(request.query["flag"] == "")
        #expect(request.query["x"] == "\u{1F600}")
    }

    @Test func plusStaysLiteralInPath() throws {
        let request = try #require(ParserDriver.run("GET /a+b HTTP/1.1\r\nHost: h\r\n\r\n").first)
        #expect(request.path == "/a+b")
    }

    @Test(arguments: [
        ("GET http://example.com:8080/a%20b?x=1 HTTP/1.1\r\nHost: other\r\n\r\n", "/a b", "1", "example.com:8080"),
        ("GET HTTP://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n", "/", nil, "example.com"),
        ("GET https://[::1]:8443?x=2 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n", "/", "2", "[::1]:8443"),
    ] as [(String, String, String?, String)])
    func absoluteFormTakesPathAndAuthorityFromTheURL(input: String, path: String, x: String?, authority: String) throws {
        let request = try #require(ParserDriver.run(input).first)
        #expect(request.path == path)
        #expect(request.query["x"] == x)
        #expect(request.authority == authority)
    }

    @Test func absoluteFormStillNeedsHost() {
        #expect(ParserDriver.run("GET http://example.com/ HTTP/1.1\r\n\r\n").reason == .missingHost)
    }

    @Test func optionsAsterisk() throws {
        let request = try #require(ParserDriver.run("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").first)
        #expect(request.method == .options)
        #expect(request.path == "*")
    }

    @Test func connectAuthorityForm() throws {
        let outcome = ParserDriver.run("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nTUNNEL")
        let request = try #require(outcome.first)
        #expect(request.method == .connect)
        #expect(request.path == "example.com:443")
        #expect(outcome.requests.first?.keepAlive == false)
        #expect(outcome.error == nil)
    }

    @Test func headAndUnknownMethods() throws {
        let outcome = ParserDriver.run("HEAD / HTTP/1.1\r\nHost: h\r\n\r\nPURGE /x HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(outcome.requests.map(\.request.method.rawValue) == ["HEAD", "PURGE"])
    }

    @Test func http10WithoutHostIsAccepted() throws {
        let request = try #require(ParserDriver.run("GET / HTTP/1.0\r\n\r\n").first)
        #expect(request.version == .http1_0)
        #expect(request.authority == "")
    }

    @Test func contentLengthWithLeadingZerosAndOWS() throws {
        let request = try #require(ParserDriver.run("POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\t003 \r\n\r\nabc").first)
        #expect(request.body == Array("abc".utf8))
    }

    @Test func limitsAreInclusive() throws {
        let limits = HTTPParserLimits(maxRequestLineBytes: 20, maxHeaderBytes: 40, maxHeaderCount: 2, maxBodyBytes: 4)
        let line = "GET /" + String(repeating: "a", count: 20 - 14) + " HTTP/1.1"
        #expect(line.utf8.count == 20)
        // Two fields of exactly 40 bytes together, CRLFs included.
        let fields = "Host: h\r\n" + "X: " + String(repeating: "b", count: 26) + "\r\n"
        #expect(fields.utf8.count == 40)
        // A third field breaks both limits. Fed byte by byte, the size limit is crossed at the
        // field's second byte, before its line (and so the count) is complete: every split of
        // the input must report that same first violation.
        for chunkSize in [1, 7, nil] as [Int?] {
            let third = ParserDriver.run(line + "\r\n" + fields + "Y: 1\r\n\r\n", chunkSize: chunkSize, limits: limits)
            #expect(third.reason == .headersTooLarge, "chunk size \(chunkSize.map(String.init) ?? "whole")")
        }
        var countOnly = limits
        countOnly.maxHeaderBytes = 1000
        for chunkSize in [1, 7, nil] as [Int?] {
            let third = ParserDriver.run(line + "\r\n" + fields + "Y: 1\r\n\r\n", chunkSize: chunkSize, limits: countOnly)
            #expect(third.reason == .tooManyHeaders, "chunk size \(chunkSize.map(String.init) ?? "whole")")
        }
        let exact = ParserDriver.run(line + "\r\n" + fields + "\r\n", chunkSize: 1, limits: limits)
        #expect(exact.error == nil)
        #expect(exact.requests.count == 1)
        let longer = ParserDriver.run("GET /" + String(repeating: "a", count: 7) + " HTTP/1.1\r\n", chunkSize: 1, limits: limits)
        #expect(longer.reason == .requestLineTooLong)
        let body = ParserDriver.run(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody", limits: limits)
        #expect(body.first?.body == Array("body".utf8))
        let chunked = ParserDriver.run(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n", limits: limits)
        #expect(chunked.first?.body == Array("abcd".utf8))
    }

    @Test func defaultLimitsMatchTheContract() {
        let limits = HTTPParserLimits()
        #expect(limits.maxRequestLineBytes == 8192)
        #expect(limits.maxHeaderBytes == 16384)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodyBytes == 1_048_576)
    }

    @Test func hundredHeadersAreAcceptedAndOneMoreIsNot() {
        let fields = (0..<99).map { "X-\($0): v\r\n" }.joined()
        let ok = ParserDriver.run("GET / HTTP/1.1\r\nHost: h\r\n" + fields + "\r\n")
        #expect(ok.first?.headers.count == 100)
        let tooMany = ParserDriver.run("GET / HTTP/1.1\r\nHost: h\r\nX: y\r\n" + fields + "\r\n")
        #expect(tooMany.reason == .tooManyHeaders)
    }

    @Test func longRequestLineIsRefusedBeforeItEnds() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits())
        let piece = Array(repeating: UInt8(ascii: "a"), count: 1024)
        Array("GET /".utf8).withUnsafeBytes { parser.append($0) }
        var refusedAfter: Int?
        for round in 1...20 {
            piece.withUnsafeBytes { parser.append($0) }
            do {
                _ = try parser.next()
            } catch {
                #expect(error.reason == .requestLineTooLong)
                #expect(error.status.code == 414)
                refusedAfter = round
                break
            }
        }
        #expect(refusedAfter == 8)
    }

    @Test func declaredBodyOverLimitIsRefusedBeforeTheBody() {
        let outcome = ParserDriver.run("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1048577\r\n\r\n")
        #expect(outcome.reason == .bodyTooLarge)
        #expect(outcome.error?.status.code == 413)
    }

    @Test func midRequestTracksUnfinishedRequests() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits())
        #expect(!parser.isMidRequest)
        Array("GET / HT".utf8).withUnsafeBytes { parser.append($0) }
        #expect(try parser.next() == nil)
        #expect(parser.isMidRequest)
        Array("TP/1.1\r\nHost: h\r\n\r\n".utf8).withUnsafeBytes { parser.append($0) }
        #expect(try parser.next() != nil)
        #expect(!parser.isMidRequest)
        #expect(try parser.next() == nil)
    }

    /// Long values are checked sixteen bytes at a time; a bad byte must be found at every offset,
    /// and HTAB and obs-text must still pass.
    @Test func longValuesAreCheckedAtEveryOffset() {
        let clean = Array(repeating: UInt8(ascii: "a"), count: 37)
        for offset in 0..<clean.count {
            for bad: UInt8 in [0x00, 0x01, 0x0B, 0x1F, 0x7F] {
                var value = clean
                value[offset] = bad
                let input = Array("GET / HTTP/1.1\r\nHost: h\r\nX: v".utf8) + value + Array("\r\n\r\n".utf8)
                let outcome = ParserDriver.run(input)
                #expect(outcome.reason == .invalidHeaderValue, "byte \(bad) at \(offset)")
            }
            var tabbed = clean
            tabbed[offset] = offset.isMultiple(of: 2) ? 0x09 : 0xA9
            let input = Array("GET / HTTP/1.1\r\nHost: h\r\nX: v".utf8) + tabbed + Array("\r\n\r\n".utf8)
            #expect(ParserDriver.run(input).requests.count == 1, "HTAB/obs-text at \(offset)")
        }
    }

    @Test func largeBodyArrivingInPiecesIsAssembled() throws {
        let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let head = Array("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
        let outcome = ParserDriver.run(head + body + head + body, chunkSize: 4093)
        #expect(outcome.requests.count == 2)
        #expect(outcome.requests.allSatisfy { $0.request.body == body })
    }
}

extension HTTPParserEvent: Equatable {
    static func == (lhs: HTTPParserEvent, rhs: HTTPParserEvent) -> Bool {
        switch (lhs, rhs) {
        case (.headComplete(let a), .headComplete(let b)): a == b
        case (.request(let a, let x), .request(let b, let y)): a.rawTarget == b.rawTarget && a.body == b.body && x == y
        default: false
        }
    }
}
