import Testing
@testable import HTTPServer

/// Security review, attacks.md B8 (slowloris: "an absolute deadline for the full header section,
/// not an idle per-byte timer"). The connection tells an idle keep-alive connection (quiet close
/// on the idle timeout) from a started request (header deadline, then 408) by
/// `HTTPRequestParser.isMidRequest`.
@Suite("Review: slow headers")
struct SlowHeaderReviewTests {
    private func feed(_ parser: inout HTTPRequestParser, _ text: String) throws -> [HTTPParserEvent] {
        Array(text.utf8).withUnsafeBytes { parser.append($0) }
        var events: [HTTPParserEvent] = []
        while let event = try parser.next() { events.append(event) }
        return events
    }

    /// The empty lines RFC 9112 §2.2 lets a server skip were consumed without a trace, so a client
    /// trickling "\r\n" forever looked like an idle keep-alive connection: it never came under the
    /// header deadline and, with an idle timer that restarts on every read, was never closed.
    /// They now count as the start of a request until the request line completes.
    @Test func leadingEmptyLinesStartARequest() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits())
        #expect(!parser.isMidRequest)
        for _ in 0..<5 {
            #expect(try feed(&parser, "\r\n").isEmpty)
            let midRequest = parser.isMidRequest
            #expect(midRequest, "a trickle of empty lines must not look idle")
        }
        #expect(try feed(&parser, "GET / HTTP/1.1\r\nHost: h\r\n\r\n").count == 1)
        #expect(!parser.isMidRequest)
        // The same after a kept-alive request.
        #expect(try feed(&parser, "\r\n").isEmpty)
        #expect(parser.isMidRequest)
        #expect(try feed(&parser, "\r").isEmpty)
        #expect(parser.isMidRequest)
        #expect(try feed(&parser, "\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n").count == 1)
        #expect(!parser.isMidRequest)
    }

    /// A request in progress stays mid-request at every byte, from the first to the last.
    @Test func everyPrefixOfARequestIsMidRequest() throws {
        let text = Array("\r\nPOST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc".utf8)
        var parser = HTTPRequestParser(limits: HTTPParserLimits())
        for (index, byte) in text.enumerated() {
            [byte].withUnsafeBytes { parser.append($0) }
            var delivered = false
            while let event = try parser.next() {
                if case .request = event { delivered = true }
            }
            let midRequest = parser.isMidRequest
            #expect(midRequest == !delivered, "after byte \(index)")
        }
    }
}
