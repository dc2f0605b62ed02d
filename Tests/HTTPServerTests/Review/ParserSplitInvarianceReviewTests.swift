import Testing

@testable import HTTPServer

/// The refusal for a given input must not depend on how its bytes are split into reads: the
/// parser checks a line's bare CR and its size limit in the order byte-at-a-time feeding would
/// meet them. These inputs were found by the libFuzzer harness (Tests/Fuzz, regressions
/// `limit-order-*`), where feeding whole and byte by byte gave different statuses (400 vs 431)
/// or different 431 reasons.
@Suite("Review: parser refusal independent of read boundaries")
struct ParserSplitInvarianceReviewTests {
    /// The fuzz harness's small limits.
    static let smallLimits = HTTPParserLimits(
        maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 64)

    /// Feeds `bytes` whole, byte by byte and split at every position; all must agree.
    static func verdicts(_ bytes: [UInt8], limits: HTTPParserLimits) -> Set<String> {
        var verdicts = Set<String>()
        func record(_ outcome: ParseOutcome) {
            verdicts.insert(outcome.error.map { "\($0.status.code) \($0.reason)" } ?? "accepted \(outcome.requests.count)")
        }
        record(ParserDriver.run(bytes, limits: limits))
        record(ParserDriver.run(bytes, chunkSize: 1, limits: limits))
        for split in 1..<bytes.count {
            var parser = HTTPRequestParser(limits: limits)
            var outcome = ParseOutcome()
            for piece in [bytes[..<split], bytes[split...]] {
                piece.withUnsafeBytes { parser.append($0) }
                do {
                    while let event = try parser.next() {
                        if case .request(let request, let keepAlive) = event {
                            outcome.requests.append((request, keepAlive))
                        }
                    }
                } catch {
                    outcome.error = error
                    break
                }
            }
            record(outcome)
        }
        return verdicts
    }

    @Test func headerSizeCrossedBeforeABareCR() {
        // A field line that runs past the 128-byte header budget and only then holds a bare CR.
        let bytes = Array("GET / HTTP/1.1\r\nFoo\u{01}\test: Bar\r\n".utf8)
            + Array(repeating: UInt8(ascii: "?"), count: 117) + [0x0D, 0x01, 0, 0, 0, 0x0A]
        #expect(Self.verdicts(bytes, limits: Self.smallLimits) == ["431 headersTooLarge"])
    }

    @Test func bareCRBeforeTheHeaderSizeIsCrossed() {
        let bytes = Array("GET / HTTP/1.1\r\nFoo: a\rb".utf8) + Array(repeating: UInt8(ascii: "x"), count: 200)
            + Array("\r\n\r\n".utf8)
        #expect(Self.verdicts(bytes, limits: Self.smallLimits) == ["400 invalidLineEnding"])
    }

    @Test func headerSizeCrossedBeforeTheFieldCountIsExceeded() {
        // Five short fields, but the fifth line crosses 128 bytes before its LF arrives.
        let fields = (1...4).map { "F\($0): \(String(repeating: "v", count: 24))\r\n" }.joined()
        let bytes = Array(("GET / HTTP/1.1\r\n" + fields + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n\r\n").utf8)
        #expect(Self.verdicts(bytes, limits: Self.smallLimits) == ["431 headersTooLarge"])
    }

    @Test func requestLineLimitAgainstABareCR() {
        let late = Array("GET /".utf8) + Array(repeating: UInt8(ascii: "a"), count: 80) + Array("\rX HTTP/1.1\r\n\r\n".utf8)
        #expect(Self.verdicts(late, limits: Self.smallLimits) == ["414 requestLineTooLong"])
        let early = Array("GET /a\rb".utf8) + Array(repeating: UInt8(ascii: "a"), count: 80) + Array(" HTTP/1.1\r\n\r\n".utf8)
        #expect(Self.verdicts(early, limits: Self.smallLimits) == ["400 invalidLineEnding"])
    }

    @Test func trailerSizeCrossedBeforeABareLF() {
        // Found by the fuzzer (regression `limit-order-trailerTooLarge-vs-bareLF`): a trailer
        // line over the 128-byte budget that ends in a bare LF.
        let bytes = Array("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n".utf8)
            + Array(repeating: UInt8(ascii: "b"), count: 200) + [0x0A]
        #expect(Self.verdicts(bytes, limits: Self.smallLimits) == ["431 headersTooLarge"])
    }

    @Test func chunkExtensionLimitCrossedBeforeABareLF() {
        // A chunk-size line over the parser's 4 KiB line limit that ends in a bare LF.
        let limits = HTTPParserLimits()
        let bytes = Array("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;e=".utf8)
            + Array(repeating: UInt8(ascii: "x"), count: 5000) + [0x0A]
        #expect(Self.verdicts(bytes, limits: limits) == ["400 chunkExtensionsTooLong"])
    }
}
