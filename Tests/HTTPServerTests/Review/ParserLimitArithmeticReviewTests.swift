import Testing
@testable import HTTPServer

/// Security review: the parser's size arithmetic must hold for every `HTTPParserLimits` an operator
/// can write, including "no limit" spelled `.max`. Swift traps on integer overflow, so a
/// `limit + 1` or `value * 10` that overflows is a remote crash of the whole server process,
/// not a refused request (attacks.md B7 and B12: "overflow-checked", "enforce limits while reading").
@Suite("Review: parser limit arithmetic")
struct ParserLimitArithmeticReviewTests {
    /// Every limit switched off the way a configuration would spell it.
    static let unlimited = HTTPParserLimits(
        maxRequestLineBytes: .max, maxHeaderBytes: .max, maxHeaderCount: .max, maxBodyBytes: .max)

    /// attacks.md B12 (RFC 9112 §7.1 "prevent parsing errors due to integer conversion overflows"),
    /// applied to Content-Length: with `maxBodyBytes` above `Int.max / 10` the decimal accumulator
    /// overflowed on the 19th digit and trapped.
    @Test(arguments: [
        "9223372036854775808", "9999999999999999999", "99999999999999999999",
        "18446744073709551616", String(repeating: "9", count: 300),
    ])
    func contentLengthBeyondIntIsRefusedWithUnlimitedBody(_ digits: String) {
        let outcome = ParserDriver.run(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(digits)\r\n\r\n", limits: Self.unlimited)
        #expect(outcome.reason == .bodyTooLarge)
        #expect(outcome.error?.status.code == 413)
    }

    /// The largest representable length is a valid declaration under an unlimited body; the parser
    /// waits for the body instead of trapping or refusing.
    @Test func contentLengthOfIntMaxWaitsForTheBody() {
        let outcome = ParserDriver.run(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775807\r\n\r\nabc", limits: Self.unlimited)
        #expect(outcome.error == nil)
        #expect(outcome.headCompletes == [false])
        #expect(outcome.requests.isEmpty)
        #expect(outcome.midRequest)
    }

    /// Limits near `Int.max` for one that is close to the overflow edge but not at it.
    @Test func contentLengthJustOverANearMaxLimitIsRefused() {
        let limits = HTTPParserLimits(maxBodyBytes: Int.max / 2)
        let over = ParserDriver.run(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(Int.max / 2 + 1)\r\n\r\n", limits: limits)
        #expect(over.reason == .bodyTooLarge)
        let at = ParserDriver.run("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(Int.max / 2)\r\n\r\n", limits: limits)
        #expect(at.error == nil)
        #expect(at.headCompletes == [false])
    }

    /// The incomplete-head checks computed `maxRequestLineBytes + 1` and `maxHeaderBytes + 1`, and
    /// the chunked decoder `maxLength + 1` for an unfinished trailer line: each trapped with `.max`
    /// limits as soon as a request arrived in more than one read. Byte-at-a-time feeding reaches
    /// every incomplete state: request line, field lines, chunk-size lines, data and trailers.
    @Test func unlimitedLimitsParseARequestFedOneByteAtATime() throws {
        let text = "POST /upload?x=1 HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n"
            + "X-Long: \(String(repeating: "v", count: 300))\r\n\r\n"
            + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: abc\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\n\r\nxyz"
        let outcome = ParserDriver.run(Array(text.utf8), chunkSize: 1, limits: Self.unlimited)
        #expect(outcome.error == nil)
        try #require(outcome.requests.count == 2)
        #expect(outcome.requests[0].request.body == Array("hello world".utf8))
        #expect(outcome.requests[0].request.trailers["x-checksum"] == "abc")
        #expect(outcome.requests[1].request.path == "/next")
        #expect(outcome.requests[1].request.body == Array("xyz".utf8))
    }

    /// Nonsensical negative limits refuse requests (nothing fits) rather than trap.
    @Test func negativeLimitsRefuseWithoutTrapping() {
        let negative = HTTPParserLimits(maxRequestLineBytes: .min, maxHeaderBytes: .min, maxHeaderCount: .min, maxBodyBytes: .min)
        let outcome = ParserDriver.run(
            Array("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx".utf8), chunkSize: 1, limits: negative)
        #expect(outcome.reason == .requestLineTooLong)
    }
}
