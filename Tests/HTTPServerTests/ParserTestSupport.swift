@testable import HTTPServer

/// What feeding some bytes to a parser produced: the requests (with keep-alive flags), how many
/// `headComplete` events came, and the error if the parser refused.
struct ParseOutcome {
    var requests: [(request: HTTPRequest, keepAlive: Bool)] = []
    var headCompletes: [Bool] = []
    var error: HTTPParseError?
    var midRequest = false

    var reason: HTTPParseError.Reason? { error?.reason }
    var first: HTTPRequest? { requests.first?.request }
}

/// Drives a parser the way a connection does.
enum ParserDriver {
    /// Feeds `bytes` in pieces of `chunkSize` (all at once when nil), draining events after each.
    static func run(
        _ bytes: [UInt8], chunkSize: Int? = nil, limits: HTTPParserLimits = HTTPParserLimits(),
        requiresHost: Bool = true
    ) -> ParseOutcome {
        var parser = HTTPRequestParser(limits: limits)
        parser.requiresHost = requiresHost
        var outcome = ParseOutcome()
        let step = max(1, chunkSize ?? bytes.count)
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + step)
            bytes[offset..<end].withUnsafeBytes { parser.append($0) }
            offset = end
            do {
                while let event = try parser.next() {
                    switch event {
                    case .headComplete(let expectsContinue): outcome.headCompletes.append(expectsContinue)
                    case .request(let request, let keepAlive): outcome.requests.append((request, keepAlive))
                    }
                }
            } catch {
                outcome.error = error
                return outcome
            }
        } while offset < bytes.count
        outcome.midRequest = parser.isMidRequest
        return outcome
    }

    static func run(
        _ text: String, chunkSize: Int? = nil, limits: HTTPParserLimits = HTTPParserLimits()
    ) -> ParseOutcome {
        run(Array(text.utf8), chunkSize: chunkSize, limits: limits)
    }
}
