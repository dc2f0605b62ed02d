import Testing
@testable import HTTPServer

/// Security review, attacks.md B7 ("enforce limits while reading") and B12: the mutation fuzz in
/// `ParserMutationTests` runs with the default limits, which its inputs never reach. This one
/// runs mutated requests against tiny limits, so every limit boundary (request line, header bytes,
/// field count, body, chunk lines, trailers) is crossed at random split points. Whatever the
/// split, the verdict must be the same: a limit that can be bypassed by splitting bytes, or that
/// refuses only for some splits, is a bug. The *reason* may differ when an input breaks two rules
/// (a line that is both too long and ends in a bare LF is refused for its length as soon as the
/// limit is crossed when it trickles in, for the bare LF when it arrives whole), so only the
/// verdict and the delivered requests are compared, and limit reasons only with limit reasons.
@Suite("Review: parser fuzz at tiny limits")
struct ParserSmallLimitFuzzReviewTests {
    static let seeds: [String] = [
        "GET /abcdefgh HTTP/1.1\r\nHost: example\r\nX: 1\r\n\r\n",
        "POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\n12345678GET / HTTP/1.1\r\nHost: h\r\n\r\n",
        "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nabcd\r\n4\r\nefgh\r\n0\r\nA: 1\r\nB: 2\r\n\r\n",
        "\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
    ]

    /// The size limits; a refusal for one of them and a refusal for a syntax rule the trickled
    /// input had not reached yet are the same verdict.
    static let limitReasons: Set<HTTPParseError.Reason> = [.requestLineTooLong, .headersTooLarge, .tooManyHeaders, .bodyTooLarge, .chunkExtensionsTooLong]

    /// Both refused, or both not; and two different limit reasons are never "the same".
    static func sameKind(_ a: HTTPParseError.Reason?, _ b: HTTPParseError.Reason?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a == b || !(limitReasons.contains(a) && limitReasons.contains(b)) || sameLimitFamily(a, b)
    }

    /// 431 covers both header limits: which one trips first depends on where the split falls.
    static func sameLimitFamily(_ a: HTTPParseError.Reason, _ b: HTTPParseError.Reason) -> Bool {
        let headerLimits: Set<HTTPParseError.Reason> = [.headersTooLarge, .tooManyHeaders]
        return headerLimits.contains(a) && headerLimits.contains(b)
    }

    @Test func splitsNeverChangeTheVerdictAtTinyLimits() {
        var random = ParserMutationTests.SplitMix(state: 0x11_4175)
        var reasons: [HTTPParseError.Reason: Int] = [:]
        var accepted = 0
        var reasonDifferences = 0
        let rounds = 8000
        for round in 0..<rounds {
            let limits = HTTPParserLimits(
                maxRequestLineBytes: Int.random(in: 10...30, using: &random),
                maxHeaderBytes: Int.random(in: 20...50, using: &random),
                maxHeaderCount: Int.random(in: 1...3, using: &random),
                maxBodyBytes: Int.random(in: 4...12, using: &random))
            let seed = Array(Self.seeds[round % Self.seeds.count].utf8)
            let bytes = round % 3 == 0 ? seed : ParserMutationTests.mutate(seed, using: &random)
            let whole = ParserDriver.run(bytes, limits: limits)
            let trickled = ParserDriver.run(bytes, chunkSize: 1, limits: limits)
            let pieces = ParserDriver.run(bytes, chunkSize: Int.random(in: 2...9, using: &random), limits: limits)
            for other in [trickled, pieces] {
                #expect(
                    (other.error == nil) == (whole.error == nil) && Self.sameKind(other.reason, whole.reason),
                    "round \(round) \(limits) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(other.reason.map { "\($0)" } ?? "nil") vs \(whole.reason.map { "\($0)" } ?? "nil")")
                #expect(other.requests.map(\.request.body) == whole.requests.map(\.request.body), "round \(round)")
                #expect(other.requests.map(\.request.rawTarget) == whole.requests.map(\.request.rawTarget), "round \(round)")
                if other.reason != whole.reason { reasonDifferences += 1 }
            }
            // Whatever was delivered respects the limits.
            for (request, _) in whole.requests {
                #expect(request.body.count <= limits.maxBodyBytes)
                #expect(request.headers.count <= limits.maxHeaderCount)
                #expect(request.trailers.count <= limits.maxHeaderCount)
            }
            if let reason = whole.reason { reasons[reason, default: 0] += 1 } else { accepted += 1 }
        }
        print("parser tiny-limit fuzz: \(rounds) inputs, \(accepted) accepted or pending, refusals \(reasons), \(reasonDifferences) split-dependent reasons")
        for limitReason in [HTTPParseError.Reason.requestLineTooLong, .headersTooLarge, .tooManyHeaders, .bodyTooLarge] {
            #expect(reasons[limitReason, default: 0] > 20, "\(limitReason) was never reached")
        }
    }
}
