import Testing
@testable import HTTPServer

/// Security review: request-smuggling shapes from attacks.md part B, pinned at the parser so a
/// later "lenient" change shows up as a failing test. Every input is fed whole and one byte at a
/// time; both must give the same verdict (a split must never change framing).
@Suite("Review: smuggling regressions")
struct SmugglingRegressionReviewTests {
    /// Runs `text` whole and byte by byte and checks both agree on refusal and request count.
    private func both(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
        let whole = ParserDriver.run(Array(text.utf8), limits: limits)
        let split = ParserDriver.run(Array(text.utf8), chunkSize: 1, limits: limits)
        #expect(whole.reason == split.reason, "whole and byte-wise disagree")
        #expect(whole.requests.count == split.requests.count, "whole and byte-wise disagree")
        return whole
    }

    /// attacks.md B10 (CL.0 / early response) and B21: a GET's declared body is consumed as its
    /// body, so a request hidden inside it is never parsed as the next request on the connection.
    @Test func getBodyIsConsumedNotParsedAsTheNextRequest() throws {
        let hidden = "GET /admin HTTP/1.1\r\nHost: h\r\n\r\n"
        let outcome = both("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: \(hidden.utf8.count)\r\n\r\n" + hidden)
        try #require(outcome.requests.count == 1)
        #expect(outcome.first?.path == "/")
        #expect(outcome.first?.body == Array(hidden.utf8))
    }

    /// attacks.md B21: without Content-Length or Transfer-Encoding the body is empty; following
    /// bytes are the next request (here a malformed one), never this request's body.
    @Test func unframedBytesAreNotABody() throws {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\n\r\nBODY\r\n\r\n")
        try #require(outcome.requests.count == 1)
        #expect(outcome.first?.body == [])
        #expect(outcome.reason == .invalidMethod)
    }

    /// attacks.md B1: Content-Length together with Transfer-Encoding, in either order.
    @Test(arguments: [
        "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
        "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n",
    ])
    func contentLengthWithTransferEncodingIsRefused(_ fields: String) {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n0\r\n\r\n")
        #expect(outcome.reason == .conflictingContentLengthAndTransferEncoding)
        #expect(outcome.requests.isEmpty)
    }

    /// attacks.md B2: every obfuscated or non-final Transfer-Encoding is refused (400, or 501 for a
    /// well-formed coding we do not decode) and no request comes out.
    @Test(arguments: [
        "Transfer-Encoding: xchunked\r\n", "Transfer-Encoding: chunked, identity\r\n",
        "Transfer-Encoding: identity\r\n", "Transfer-Encoding: chunked, chunked\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked\u{0B}\r\n",
        "Transfer-Encoding: chunked;q=1\r\n", "Transfer-Encoding:\r\n", "Transfer-Encoding: ,chunked\r\n",
        "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding : chunked\r\n", "Transfer-Encoding: \"chunked\"\r\n",
        "X: y\r\n Transfer-Encoding: chunked\r\n",
    ])
    func obfuscatedTransferEncodingIsRefused(_ fields: String) {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n0\r\n\r\n")
        #expect(outcome.error != nil, "accepted: \(fields.debugDescription)")
        #expect([400, 501].contains(outcome.error?.status.code ?? 0))
        #expect(outcome.requests.isEmpty)
    }

    /// attacks.md B2 (http11probe transfer-encoding-underscore): `Transfer_Encoding` is just an
    /// unknown field; framing comes from Content-Length alone, never from a look-alike name.
    @Test func lookAlikeTransferEncodingNameDoesNotFrame() throws {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\nTransfer_Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n")
        try #require(outcome.requests.count == 1)
        #expect(outcome.first?.body == Array("0\r\n".utf8))
        #expect(outcome.error == nil)
    }

    /// attacks.md B2: Transfer-Encoding in an HTTP/1.0 request makes the framing untrustworthy.
    @Test func transferEncodingInHTTP10IsRefused() {
        let outcome = both("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(outcome.reason == .transferEncodingInHTTP10)
    }

    /// attacks.md B5: bare LF and bare CR in chunk-size lines, after chunk data and in trailers.
    @Test(arguments: [
        "5\nhello\r\n0\r\n\r\n", "5\r\nhello\n0\r\n\r\n", "5\r\nhello\r\n0\n\r\n", "5\r\nhello\r\n0\r\nX: y\n\r\n",
        "5\rX\r\nhello\r\n0\r\n\r\n", "5\r\nhello\r\r\n0\r\n\r\n", "5\r\nhello\r\n0\r\nX: a\rb\r\n\r\n",
    ])
    func bareLineEndingsInChunkedBodiesAreRefused(_ body: String) {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        #expect(outcome.error != nil, "accepted: \(body.debugDescription)")
        #expect(outcome.requests.isEmpty)
    }

    /// attacks.md B12: chunk sizes that overflow or are not `1*HEXDIG`; 15 significant digits
    /// (after any number of leading zeros) is the most accepted, and the body limit applies first.
    @Test(arguments: [
        ("FFFFFFFFFFFFFFFFF1", HTTPParseError.Reason.chunkSizeOverflow), ("1000000000000000", .chunkSizeOverflow),
        ("-1", .invalidChunkSize), ("+a", .invalidChunkSize), ("0x10", .invalidChunkSize), (" 5", .invalidChunkSize),
        ("5 ", .invalidChunkExtension), ("_5", .invalidChunkSize), ("5;", .invalidChunkExtension),
        ("5;a=\"unterminated", .invalidChunkExtension), ("5;a=\"x\u{1}\"", .invalidChunkExtension),
        ("FFFFFFFFFFFFFFF", .bodyTooLarge), ("000000000000000000000000000000000100001", .bodyTooLarge),
    ])
    func malformedChunkSizesAreRefused(_ sizeLine: String, _ reason: HTTPParseError.Reason) {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(sizeLine)\r\n")
        #expect(outcome.reason == reason, "\(sizeLine.debugDescription)")
    }

    /// attacks.md B12: leading zeros do not count towards the digit cap.
    @Test func leadingZerosInAChunkSizeAreAccepted() throws {
        let outcome = both(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(String(repeating: "0", count: 40))3\r\nabc\r\n0\r\n\r\n")
        #expect(outcome.first?.body == Array("abc".utf8))
    }

    /// attacks.md B13: framing, routing and credential fields in the trailer section are refused,
    /// so nothing downstream can mistake them for header fields.
    @Test(arguments: ["Authorization: Bearer x", "Host: evil", "Content-Length: 5", "Transfer-Encoding: chunked", "authorization: Bearer x"])
    func forbiddenTrailerFieldsAreRefused(_ trailer: String) {
        let outcome = both(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\(trailer)\r\n\r\n")
        #expect(outcome.reason == .forbiddenTrailerField)
    }

    /// attacks.md B13: a harmless trailer is kept apart from the header fields.
    @Test func trailersAreNotMergedIntoHeaders() throws {
        let outcome = both("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trace: 1\r\n\r\n")
        let request = try #require(outcome.first)
        #expect(request.headers["x-trace"] == nil)
        #expect(request.trailers["x-trace"] == "1")
    }

    /// attacks.md B6 (CVE-2021-43797): control bytes in field names and values are refused, not
    /// replaced — in particular a NUL or bare CR that could hide a second header from a proxy.
    @Test(arguments: [
        "X: a\u{0}b", "X: a\u{7F}b", "X\u{0}: a", "X: a\u{1B}b", "Authorization\u{0B}: Bearer x", "X: a\rAuthorization: Bearer x",
    ])
    func controlBytesInFieldsAreRefused(_ field: String) {
        let outcome = both("GET / HTTP/1.1\r\nHost: h\r\n\(field)\r\n\r\n")
        #expect(outcome.error?.status.code == 400, "\(field.debugDescription)")
    }

    /// attacks.md B18: the HTTP/2 preface and HTTP/0.9 are never served as HTTP/1.1.
    @Test func http2PrefaceIsRefused() {
        let outcome = both("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        #expect(outcome.error != nil)
        #expect(outcome.requests.isEmpty)
    }

    /// attacks.md B7: the 100-field cap is per section and also holds for trailers, each at
    /// exactly the limit accepted and one more refused.
    @Test func trailerFieldCountIsCapped() {
        let limits = HTTPParserLimits(maxHeaderCount: 3)
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let three = both(head + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits)
        #expect(three.error == nil)
        #expect(three.first?.trailers.count == 3)
        let four = both(head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits: limits)
        #expect(four.reason == .tooManyHeaders)
    }
}
