import Testing
@testable import HTTPServer

/// One input the parser must refuse, with the reason it must give.
struct RejectionCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var reason: HTTPParseError.Reason
    var limits = HTTPParserLimits()
    var testDescription: String { name }
}

private let host = "Host: example.com\r\n"
private let smallLimits = HTTPParserLimits(
    maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 3, maxBodyBytes: 16)

/// Every rejection reason, each with at least one input that produces it.
private let rejectionCases: [RejectionCase] = [
    .init(name: "method with a non-token character", input: "G@T / HTTP/1.1\r\n\(host)\r\n", reason: .invalidMethod),
    .init(name: "empty method", input: " / HTTP/1.1\r\n\(host)\r\n", reason: .invalidMethod),
    .init(name: "NUL in method", input: "GE\u{0}T / HTTP/1.1\r\n\(host)\r\n", reason: .invalidMethod),
    .init(name: "double space before target", input: "GET  / HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "fragment in target", input: "GET /a#b HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "raw UTF-8 in target", input: "GET /caf\u{E9} HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "backslash in target", input: "GET /a\\b HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "bad percent escape", input: "GET /a%zz HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "truncated percent escape", input: "GET /a%2 HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "encoded NUL in path", input: "GET /a%00b HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "encoded CRLF in path", input: "GET /a%0d%0aX:%20y HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "encoded slash in path", input: "GET /a%2Fb HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "dot-segment", input: "GET /a/../admin HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "encoded dot-segment", input: "GET /a/%2e%2E/admin HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "path decoding to invalid UTF-8", input: "GET /%C0%AF HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "bad escape in query", input: "GET /a?x=%G1 HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "asterisk with GET", input: "GET * HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "authority-form with GET", input: "GET example.com:80 HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "non-http scheme", input: "GET ftp://example.com/ HTTP/1.1\r\n\(host)\r\n", reason: .invalidRequestTarget),
    .init(name: "HTTP/0.9 request", input: "GET /\r\n\r\n", reason: .invalidVersion),
    .init(name: "lowercase version", input: "GET / http/1.1\r\n\(host)\r\n", reason: .invalidVersion),
    .init(name: "two-digit minor version", input: "GET / HTTP/1.10\r\n\(host)\r\n", reason: .invalidVersion),
    .init(name: "trailing space after version", input: "GET / HTTP/1.1 \r\n\(host)\r\n", reason: .invalidVersion),
    .init(name: "HTTP/2.0", input: "GET / HTTP/2.0\r\n\(host)\r\n", reason: .unsupportedVersion),
    .init(name: "HTTP/2 preface", input: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", reason: .unsupportedVersion),
    .init(name: "HTTP/0.9 version number", input: "GET / HTTP/0.9\r\n\(host)\r\n", reason: .unsupportedVersion),
    .init(
        name: "request line over the limit, without CRLF yet", input: "GET /" + String(repeating: "a", count: 80),
        reason: .requestLineTooLong, limits: smallLimits),
    .init(
        name: "request line over the limit", input: "GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\n\r\n",
        reason: .requestLineTooLong, limits: smallLimits),
    .init(
        name: "header section over the limit, unfinished", input: "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 200),
        reason: .headersTooLarge, limits: smallLimits),
    .init(
        name: "header section over the limit",
        input: "GET / HTTP/1.1\r\nA: \(String(repeating: "a", count: 60))\r\nB: \(String(repeating: "b", count: 70))\r\n\r\n",
        reason: .headersTooLarge, limits: smallLimits),
    .init(
        name: "too many header fields", input: "GET / HTTP/1.1\r\n\(host)A: 1\r\nB: 2\r\nC: 3\r\n",
        reason: .tooManyHeaders, limits: smallLimits),
    .init(
        name: "trailer section over the limit",
        input: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: \(String(repeating: "a", count: 70))\r\nB: \(String(repeating: "b", count: 70))\r\n\r\n",
        reason: .headersTooLarge, limits: smallLimits),
    .init(
        name: "too many trailer fields",
        input: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n",
        reason: .tooManyHeaders, limits: smallLimits),
    .init(name: "non-token header name", input: "GET / HTTP/1.1\r\n\(host)Bad[Name: v\r\n\r\n", reason: .invalidHeaderName),
    .init(name: "empty header name", input: "GET / HTTP/1.1\r\n\(host): v\r\n\r\n", reason: .invalidHeaderName),
    .init(name: "header without colon", input: "GET / HTTP/1.1\r\n\(host)NoColon\r\n\r\n", reason: .invalidHeaderName),
    .init(name: "non-ASCII header name", input: "GET / HTTP/1.1\r\n\(host)X-T\u{EB}st: v\r\n\r\n", reason: .invalidHeaderName),
    .init(name: "NUL in header value", input: "GET / HTTP/1.1\r\n\(host)X: a\u{0}b\r\n\r\n", reason: .invalidHeaderValue),
    .init(name: "control character in header value", input: "GET / HTTP/1.1\r\n\(host)X: a\u{7}b\r\n\r\n", reason: .invalidHeaderValue),
    .init(name: "DEL in header value", input: "GET / HTTP/1.1\r\n\(host)X: a\u{7F}b\r\n\r\n", reason: .invalidHeaderValue),
    .init(name: "obs-fold", input: "GET / HTTP/1.1\r\n\(host)X: a\r\n b\r\n\r\n", reason: .obsoleteLineFolding),
    .init(name: "whitespace before the first header", input: "GET / HTTP/1.1\r\n \(host)\r\n", reason: .obsoleteLineFolding),
    .init(name: "space before colon", input: "GET / HTTP/1.1\r\nHost : example.com\r\n\r\n", reason: .whitespaceBeforeColon),
    .init(name: "tab before colon", input: "GET / HTTP/1.1\r\n\(host)X\t: 1\r\n\r\n", reason: .whitespaceBeforeColon),
    .init(name: "HTTP/1.1 without Host", input: "GET / HTTP/1.1\r\n\r\n", reason: .missingHost),
    .init(name: "two Host lines", input: "GET / HTTP/1.1\r\n\(host)\(host)\r\n", reason: .duplicateHost),
    .init(name: "Host list", input: "GET / HTTP/1.1\r\nHost: a.example, b.example\r\n\r\n", reason: .invalidHost),
    .init(name: "Host with userinfo", input: "GET / HTTP/1.1\r\nHost: user@example.com\r\n\r\n", reason: .invalidHost),
    .init(name: "Host with path", input: "GET / HTTP/1.1\r\nHost: example.com/x\r\n\r\n", reason: .invalidHost),
    .init(name: "Host with bad port", input: "GET / HTTP/1.1\r\nHost: example.com:99999\r\n\r\n", reason: .invalidHost),
    .init(name: "empty Host", input: "GET / HTTP/1.1\r\nHost: \r\n\r\n", reason: .invalidHost),
    .init(name: "absolute-form with userinfo", input: "GET http://u:p@example.com/ HTTP/1.1\r\n\(host)\r\n", reason: .invalidHost),
    .init(
        name: "Content-Length and Transfer-Encoding",
        input: "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        reason: .conflictingContentLengthAndTransferEncoding),
    .init(
        name: "Transfer-Encoding before Content-Length",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
        reason: .conflictingContentLengthAndTransferEncoding),
    .init(name: "Content-Length with sign", input: "POST / HTTP/1.1\r\n\(host)Content-Length: +5\r\n\r\nhello", reason: .invalidContentLength),
    .init(name: "Content-Length list", input: "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 5\r\n\r\nhello", reason: .invalidContentLength),
    .init(name: "empty Content-Length", input: "POST / HTTP/1.1\r\n\(host)Content-Length: \r\n\r\n", reason: .invalidContentLength),
    .init(name: "hex Content-Length", input: "POST / HTTP/1.1\r\n\(host)Content-Length: 0x5\r\n\r\nhello", reason: .invalidContentLength),
    .init(name: "Content-Length with inner space", input: "POST / HTTP/1.1\r\n\(host)Content-Length: 1 0\r\n\r\n", reason: .invalidContentLength),
    .init(
        name: "identical duplicate Content-Length",
        input: "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", reason: .duplicateContentLength),
    .init(
        name: "coding before chunked",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", reason: .unsupportedTransferEncoding),
    .init(name: "identity coding", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: identity\r\n\r\n", reason: .invalidTransferEncoding),
    .init(name: "chunked not last", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, gzip\r\n\r\n", reason: .invalidTransferEncoding),
    .init(name: "chunked twice", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, chunked\r\n\r\n", reason: .invalidTransferEncoding),
    .init(
        name: "chunked on two lines",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", reason: .invalidTransferEncoding),
    .init(name: "empty Transfer-Encoding", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: \r\n\r\n", reason: .invalidTransferEncoding),
    .init(name: "xchunked", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: xchunked\r\n\r\n", reason: .invalidTransferEncoding),
    .init(name: "leading comma", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: , chunked\r\n\r\n", reason: .invalidTransferEncoding),
    .init(name: "vertical tab", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: \u{B}chunked\r\n\r\n", reason: .invalidHeaderValue),
    .init(
        name: "Transfer-Encoding in HTTP/1.0",
        input: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", reason: .transferEncodingInHTTP10),
    .init(name: "unknown expectation", input: "GET / HTTP/1.1\r\n\(host)Expect: 200-ok\r\n\r\n", reason: .unsupportedExpectation),
    .init(
        name: "chunk size not hex", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\n",
        reason: .invalidChunkSize),
    .init(
        name: "negative chunk size", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n-1\r\n",
        reason: .invalidChunkSize),
    .init(
        name: "0x prefix in chunk size", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
        reason: .invalidChunkSize),
    .init(
        name: "missing last chunk", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\r\nfoo\r\n\r\n",
        reason: .invalidChunkSize),
    .init(
        name: "chunk size overflow", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF0\r\n",
        reason: .chunkSizeOverflow),
    .init(
        name: "space after chunk size", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n",
        reason: .invalidChunkExtension),
    .init(
        name: "empty chunk extension", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n",
        reason: .invalidChunkExtension),
    .init(
        name: "unbalanced quote in chunk extension",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;a=\"b\r\nhello\r\n0\r\n\r\n",
        reason: .invalidChunkExtension),
    .init(
        name: "control character in chunk extension",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;a=\"\u{1}\"\r\nhello\r\n0\r\n\r\n",
        reason: .invalidChunkExtension),
    .init(
        name: "chunk extensions too long",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;a=" + String(repeating: "b", count: 5000),
        reason: .chunkExtensionsTooLong),
    .init(
        name: "chunk data longer than its size",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n",
        reason: .invalidChunkFraming),
    .init(
        name: "Content-Length in trailers",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 5\r\n\r\n",
        reason: .forbiddenTrailerField),
    .init(
        name: "Authorization in trailers",
        input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nAuthorization: Bearer x\r\n\r\n",
        reason: .forbiddenTrailerField),
    .init(
        name: "declared body over the limit", input: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n",
        reason: .bodyTooLarge, limits: smallLimits),
    .init(
        name: "huge Content-Length", input: "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n",
        reason: .bodyTooLarge),
    .init(
        name: "chunked body over the limit",
        input: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n9\r\n",
        reason: .bodyTooLarge, limits: smallLimits),
    .init(name: "bare LF after request line", input: "GET / HTTP/1.1\n\(host)\r\n", reason: .invalidLineEnding),
    .init(name: "bare LF after header", input: "GET / HTTP/1.1\r\nHost: example.com\n\r\n", reason: .invalidLineEnding),
    .init(name: "bare LF ending the head", input: "GET / HTTP/1.1\r\n\(host)\n", reason: .invalidLineEnding),
    .init(name: "bare CR in request line", input: "GET / HTTP/1.1\rHost: example.com\r\n\r\n", reason: .invalidLineEnding),
    .init(name: "bare CR between headers", input: "GET / HTTP/1.1\r\n\(host)A: 1\rB: 2\r\n\r\n", reason: .invalidLineEnding),
    .init(name: "CR instead of CRLF before body", input: "GET / HTTP/1.1\r\n\(host)\rabc\r\n\r\n", reason: .invalidLineEnding),
    .init(name: "bare LF as leading empty line", input: "\nGET / HTTP/1.1\r\n\(host)\r\n", reason: .invalidLineEnding),
    .init(
        name: "bare LF after chunk size", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n",
        reason: .invalidLineEnding),
    .init(
        name: "bare LF after last chunk", input: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\n\n",
        reason: .invalidLineEnding),
]

@Suite struct ParserRejectionTests {
    @Test(arguments: rejectionCases)
    func refusesAllAtOnce(_ testCase: RejectionCase) {
        let outcome = ParserDriver.run(Array(testCase.input.utf8), limits: testCase.limits)
        #expect(outcome.reason == testCase.reason, "\(testCase.name)")
        #expect(outcome.error?.status == testCase.reason.defaultStatus)
        #expect(outcome.requests.isEmpty)
    }

    @Test(arguments: rejectionCases)
    func refusesByteAtATime(_ testCase: RejectionCase) {
        let outcome = ParserDriver.run(Array(testCase.input.utf8), chunkSize: 1, limits: testCase.limits)
        #expect(outcome.reason == testCase.reason, "\(testCase.name)")
        #expect(outcome.requests.isEmpty)
    }

    @Test func everyReasonIsCovered() {
        let covered = Set(rejectionCases.map(\.reason.rawValue))
        let missing = HTTPParseError.Reason.allCases.filter { !covered.contains($0.rawValue) }
        #expect(missing.isEmpty, "no rejection case for \(missing)")
    }

    @Test func statusesMatchTheContract() {
        #expect(HTTPParseError.Reason.requestLineTooLong.defaultStatus.code == 414)
        #expect(HTTPParseError.Reason.headersTooLarge.defaultStatus.code == 431)
        #expect(HTTPParseError.Reason.tooManyHeaders.defaultStatus.code == 431)
        #expect(HTTPParseError.Reason.bodyTooLarge.defaultStatus.code == 413)
        #expect(HTTPParseError.Reason.unsupportedTransferEncoding.defaultStatus.code == 501)
        #expect(HTTPParseError.Reason.unsupportedVersion.defaultStatus.code == 505)
        #expect(HTTPParseError.Reason.unsupportedExpectation.defaultStatus.code == 417)
        #expect(HTTPParseError.Reason.obsoleteLineFolding.defaultStatus.code == 400)
    }

    @Test func errorIsStickyAndLaterBytesAreIgnored() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits())
        Array("GET / HTTP/1.1\r\nHost : x\r\n\r\n".utf8).withUnsafeBytes { parser.append($0) }
        #expect(throws: HTTPParseError.self) { try parser.next() }
        Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8).withUnsafeBytes { parser.append($0) }
        let again = #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(again?.reason == .whitespaceBeforeColon)
        #expect(!parser.isMidRequest)
    }

    @Test func detailNeverEchoesRequestBytes() {
        let outcome = ParserDriver.run("GET /<script> HTTP/1.1\r\n\(host)\r\n")
        let error = outcome.error
        #expect(error?.reason == .invalidRequestTarget)
        #expect(error.map { !$0.detail.contains("script") } == true)
    }
}
