import Foundation
import Testing
@testable import HTTPServer

/// Runs the Http11Probe probes (`Vectors/http11probe/index.json` and the md pages) that a request
/// parser decides: each request is built byte for byte, parsed, and the verdict compared with the
/// expected status class — a refusal (with an allowed status) where the probe wants 400/413/414/
/// 431/501/505 or a close, a delivered request where it wants 2xx (or a status only the router
/// or handler can produce, such as 405).
///
/// Where a probe allows both (for example "`400` or `2xx`"), ``pinned`` records which one this
/// parser chooses and why, and the test holds it to that choice. Probes that need a live server
/// or test response behaviour are listed in ``outOfScope`` with the reason.
@Suite struct HTTP11ProbeVectorTests {
    /// What the parser must do with a probe's bytes.
    enum Verdict {
        /// Deliver `count` requests and no error.
        case accept(count: Int = 1)
        /// Deliver one request that is not kept alive.
        case acceptAndClose
        /// Refuse with this reason.
        case reject(HTTPParseError.Reason)
        /// Refuse or wait for more bytes (the probe accepts a timeout).
        case rejectOrWait
        /// Nothing happens: no request, no error, nothing buffered.
        case idle
    }

    /// Folders whose probes are outside a request parser's remit.
    static let outOfScopeFolders: [String: String] = [
        "caching": "conditional requests and validators are handler behaviour",
        "cookies": "Cookie parsing and echo are handler behaviour",
        "upgrade": "needs a live server: the probe checks that no 101 is ever sent",
    ]

    /// Probes in parser folders that still test something else.
    static let outOfScope: [String: String] = [
        "COMP-DATE-FORMAT": "response Date header format (server)",
        "COMP-DATE-HEADER": "response Date header (server)",
        "COMP-CONTENT-TYPE": "response Content-Type (handler)",
        "COMP-NO-CL-IN-204": "response framing of 204 (server)",
        "COMP-HEAD-NO-BODY": "response to HEAD has no body (server)",
        "COMP-405-ALLOW": "405 with Allow (router)",
        "COMP-OPTIONS-ALLOW": "Allow on OPTIONS (router)",
        "COMP-TRACE-SENSITIVE": "TRACE echo (handler)",
        "COMP-ACCEPT-NONSENSE": "content negotiation (handler)",
        "COMP-POST-UNSUPPORTED-CT": "415 for unknown media types (handler)",
        "COMP-RANGE-INVALID": "Range handling (handler)",
        "COMP-RANGE-POST": "Range handling (handler)",
        "MAL-RANGE-OVERLAPPING` (unscored)": "Range handling (handler)",
    ]

    /// Probes whose expectation allows more than one outcome, or that the parser alone cannot
    /// fully satisfy: the outcome this parser chooses, and why.
    static let pinned: [String: (Verdict, String)] = [
        "COMP-CHUNKED-EMPTY": (.accept(), "an empty chunked body is valid"),
        "COMP-CHUNKED-EXTENSION": (.accept(), "well-formed chunk extensions are parsed and ignored"),
        "COMP-GET-WITH-CL-BODY": (.accept(), "framing is decided by Content-Length whatever the method (RFC 9112 §6.3); the body is read, never left on the wire"),
        "COMP-POST-CL-ZERO": (.accept(), "valid"),
        "COMP-POST-NO-CL-NO-TE": (.accept(), "a request without framing fields has no body"),
        "COMP-CONNECTION-CLOSE": (.acceptAndClose, "Connection: close is honoured"),
        "COMP-HTTP10-DEFAULT-CLOSE": (.acceptAndClose, "HTTP/1.0 without keep-alive closes"),
        "COMP-DUPLICATE-CT": (.accept(), "duplicate Content-Type is for the handler to judge, not framing"),
        "COMP-EXPECT-UNKNOWN": (.reject(.unsupportedExpectation), "417 for any expectation but 100-continue"),
        "COMP-NO-1XX-HTTP10": (.accept(), "Expect is ignored in HTTP/1.0, so no 100 Continue is announced"),
        "COMP-HTTP10-NO-HOST": (.accept(), "RFC 9112 §3.2 requires Host only of HTTP/1.1 (warn in the probe)"),
        "RFC9112-2.2-BARE-LF-HEADER": (.reject(.invalidLineEnding), "bare LF is refused"),
        "RFC9112-2.2-BARE-LF-REQUEST-LINE": (.reject(.invalidLineEnding), "bare LF is refused"),
        "COMP-LEADING-CRLF": (.accept(), "empty lines before the request line are skipped (RFC 9112 §2.2)"),
        "MAL-CHUNK-EXT-64K": (.reject(.chunkExtensionsTooLong), "chunk lines are capped at 4 KiB"),
        "MAL-CL-TAB-BEFORE-VALUE": (.accept(), "HTAB is optional whitespace around a field value (RFC 9110 §5.6.3)"),
        "MAL-URL-BACKSLASH": (.reject(.invalidRequestTarget), "`\\` is not a URI character"),
        "MAL-URL-PERCENT-CRLF": (.reject(.invalidRequestTarget), "encoded control characters in the path are refused"),
        "MAL-URL-PERCENT-NULL": (.reject(.invalidRequestTarget), "encoded NUL in the path is refused"),
        "NORM-CASE-TE": (.reject(.conflictingContentLengthAndTransferEncoding), "field names are case-insensitive; CL with TE is refused"),
        "NORM-SP-BEFORE-COLON-CL": (.reject(.whitespaceBeforeColon), "refused"),
        "NORM-TAB-IN-NAME": (.reject(.invalidHeaderName), "refused"),
        "NORM-UNDERSCORE-CL": (.accept(), "`Content_Length` is a different, valid field name; it is kept as sent and never used for framing (warn in the probe)"),
        "NORM-UNDERSCORE-TE": (.accept(), "`Transfer_Encoding` is a different, valid field name; framing comes from Content-Length (warn in the probe)"),
        "SMUG-TRANSFER_ENCODING": (.accept(), "`Transfer_Encoding` is not Transfer-Encoding; framing comes from Content-Length"),
        "COMP-ABSOLUTE-FORM": (.accept(), "absolute-form is accepted (RFC 9112 §3.2.2)"),
        "SMUG-ABSOLUTE-URI-HOST-MISMATCH": (.accept(), "the target's authority wins over Host (RFC 9112 §3.2.2)"),
        "RFC9112-3.2-FRAGMENT-IN-TARGET": (.reject(.invalidRequestTarget), "no fragment in a request-target"),
        "COMP-HTTP12-VERSION": (.accept(), "HTTP/1.2 is processed as HTTP/1.1 (RFC 9110 §6.2)"),
        "COMP-METHOD-CASE": (.accept(), "`get` is a valid token, not GET; the router answers 405/501"),
        "COMP-METHOD-TRACE": (.accept(), "the router answers 405/501"),
        "COMP-TRACE-WITH-BODY": (.accept(), "the router answers 405; the body is read per Content-Length"),
        "RFC9112-3-MULTI-SP-REQUEST-LINE": (.reject(.invalidRequestTarget), "exactly one SP between request-line parts"),
        "COMP-REQUEST-LINE-TAB": (.reject(.invalidMethod), "HTAB is not a request-line separator"),
        "SMUG-CHUNK-EXT-LF": (.reject(.invalidLineEnding), "bare LF in a chunk line"),
        "SMUG-CHUNK-LF-TERM": (.reject(.invalidChunkFraming), "chunk data must end in CRLF"),
        "SMUG-CHUNK-LF-TRAILER": (.reject(.invalidLineEnding), "bare LF ending the trailer section"),
        "SMUG-CHUNKED-WITH-PARAMS": (.reject(.invalidTransferEncoding), "malformed Transfer-Encoding (refused as soon as it is read, before the CL conflict)"),
        "SMUG-CL-COMMA-SAME": (.reject(.invalidContentLength), "Content-Length lists are refused"),
        "SMUG-CL-COMMA-TRIPLE": (.reject(.invalidContentLength), "Content-Length lists are refused"),
        "SMUG-CL-DOUBLE-ZERO": (.accept(), "`00` is 1*DIGIT"),
        "SMUG-CL-EXTRA-LEADING-SP": (.accept(), "leading OWS is not part of the value"),
        "SMUG-CL-LEADING-ZEROS-OCTAL": (.accept(), "`0200` is decimal 200 (1*DIGIT)"),
        "SMUG-CL-LEADING-ZEROS": (.accept(), "`005` is 1*DIGIT"),
        "SMUG-CL-TRAILING-SPACE": (.accept(), "trailing OWS is not part of the value"),
        "SMUG-CL-TE-BOTH": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-CLTE-CONN-CLOSE": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-TECL-CONN-CLOSE": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-CLTE-PIPELINE": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-TECL-PIPELINE": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-EXPECT-100-CL": (.accept(), "the body is already there; no 100 needed"),
        "SMUG-HEAD-CL-BODY": (.accept(), "the declared body is read"),
        "SMUG-OPTIONS-CL-BODY": (.accept(), "the declared body is read"),
        "SMUG-OPTIONS-TE-OBS-FOLD": (.reject(.obsoleteLineFolding), "obs-fold is refused"),
        "SMUG-TE-CASE-MISMATCH": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-TE-DOUBLE-CHUNKED": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-TE-LEADING-COMMA": (.reject(.invalidTransferEncoding), "malformed Transfer-Encoding (refused as soon as it is read, before the CL conflict)"),
        "SMUG-TE-OBS-FOLD": (.reject(.obsoleteLineFolding), "obs-fold is refused"),
        "SMUG-TE-TAB-BEFORE-VALUE": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-TE-TRAILING-COMMA": (.reject(.invalidTransferEncoding), "malformed Transfer-Encoding (refused as soon as it is read, before the CL conflict)"),
        "SMUG-TE-TRAILING-SPACE": (.reject(.conflictingContentLengthAndTransferEncoding), "CL with TE"),
        "SMUG-TRAILER-AUTH": (.reject(.forbiddenTrailerField), "credentials in trailers are refused"),
        "SMUG-TRAILER-CL": (.reject(.forbiddenTrailerField), "framing fields in trailers are refused"),
        "SMUG-TRAILER-CONTENT-TYPE": (.reject(.forbiddenTrailerField), "content-format fields in trailers are refused"),
        "SMUG-TRAILER-HOST": (.reject(.forbiddenTrailerField), "routing fields in trailers are refused"),
        "SMUG-TRAILER-TE": (.reject(.forbiddenTrailerField), "framing fields in trailers are refused"),
        // Sequences (steps sent back to back on one connection).
        "SMUG-PIPELINE-SAFE": (.accept(count: 2), "two pipelined requests, both delivered"),
        "SMUG-CL0-BODY-POISON": (.accept(count: 2), "the stray `X` starts the next request line (`XGET`, a valid token) and the router answers 405/501; a parser cannot tell a stray byte from a request (warn in the probe)"),
        "SMUG-GET-CL-BODY-DESYNC": (.accept(count: 2), "the GET's declared body is read, so the follow-up is parsed cleanly"),
        "SMUG-OPTIONS-CL-BODY-DESYNC": (.accept(count: 2), "the declared body is read, so the follow-up is parsed cleanly"),
        "SMUG-EXPECT-100-CL-DESYNC": (.accept(count: 2), "the declared body is read, so the follow-up is parsed cleanly"),
        "SMUG-GET-CL-PREFIX-DESYNC": (.accept(count: 2), "the request prefix is read as the GET's body, so step 2's empty line is skipped and its GET parsed cleanly"),
        "COMP-METHOD-CONNECT": (.acceptAndClose, "CONNECT is delivered for the router to refuse (405/501) and the connection is not reused"),
        "COMP-UNKNOWN-METHOD": (.accept(), "any token is a method; the router answers 501/405"),
        "MAL-EMPTY-REQUEST": (.idle, "zero bytes: an idle connection, closed quietly"),
        "COMP-LONG-URL-OK": (.accept(), "a 7,900-byte request line is under the 8 KiB limit"),
        "MAL-BINARY-GARBAGE": (.rejectOrWait, "the probe's RNG bytes are not published; 256 seeded pseudo-random bytes are used instead"),
    ]

    /// Exact bytes for probes whose page describes them in prose (sizes, repetitions, sequences).
    static func overrideBytes(_ id: String) -> [UInt8]? {
        let host = "Host: localhost:8080\r\n"
        let text: String
        switch id {
        case "MAL-CHUNK-EXT-64K":
            text = "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;ext=\(String(repeating: "a", count: 65_536))\r\nhello\r\n0\r\n\r\n"
        case "MAL-LONG-HEADER-NAME":
            text = "GET / HTTP/1.1\r\n\(host)\(String(repeating: "A", count: 100_000)): val\r\n\r\n"
        case "MAL-LONG-HEADER-VALUE":
            text = "GET / HTTP/1.1\r\n\(host)X-Big: \(String(repeating: "B", count: 100_000))\r\n\r\n"
        case "MAL-LONG-METHOD":
            text = "\(String(repeating: "A", count: 100_000)) / HTTP/1.1\r\n\(host)\r\n"
        case "MAL-LONG-URL":
            text = "GET /\(String(repeating: "A", count: 100_000)) HTTP/1.1\r\n\(host)\r\n"
        case "MAL-MANY-HEADERS":
            text = "GET / HTTP/1.1\r\n\(host)" + (0..<10_000).map { "X-H-\($0): value\r\n" }.joined() + "\r\n"
        case "COMP-LONG-URL-OK":
            text = "GET /\(String(repeating: "a", count: 7_900)) HTTP/1.1\r\n\(host)\r\n"
        case "SMUG-CL-LEADING-ZEROS-OCTAL":
            text = "POST / HTTP/1.1\r\n\(host)Content-Length: 0200\r\n\r\n\(String(repeating: "A", count: 200))"
        case "MAL-EMPTY-REQUEST":
            text = ""
        case "MAL-BINARY-GARBAGE":
            var state: UInt64 = 42
            return (0..<256).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        case "SMUG-GET-CL-PREFIX-DESYNC":
            let prefix = "GET / HTTP/1.1\r\n\(host)"
            text = "GET / HTTP/1.1\r\n\(host)Content-Length: \(prefix.utf8.count)\r\n\r\n\(prefix)\r\nGET / HTTP/1.1\r\n\(host)\r\n"
        case "SMUG-PIPELINE-SAFE":
            text = "GET / HTTP/1.1\r\n\(host)\r\nGET / HTTP/1.1\r\n\(host)\r\n"
        case "SMUG-CLTE-CONN-CLOSE":
            text = "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n"
        case "SMUG-TECL-CONN-CLOSE":
            text = "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n"
        case "SMUG-CLTE-DESYNC":
            text = "POST / HTTP/1.1\r\n\(host)Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nXGET / HTTP/1.1\r\n\(host)\r\n"
        case "SMUG-TECL-DESYNC":
            text = "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 30\r\n\r\n0\r\n\r\nXGET / HTTP/1.1\r\n\(host)\r\n"
        default:
            return nil
        }
        return Array(text.utf8)
    }

    /// Builds bytes from a page's display form: real line breaks are layout only; the bytes are
    /// spelled with `\r`, `\n`, `\t`, `\0`, `\xHH` and `[TAB]`.
    static func bytes(fromDisplay display: String) -> [UInt8] {
        let source = Array(display.replacingOccurrences(of: "[TAB]", with: "\\t").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "\n") {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\\"), index + 1 < source.count {
                switch source[index + 1] {
                case UInt8(ascii: "r"): bytes.append(0x0D); index += 2; continue
                case UInt8(ascii: "n"): bytes.append(0x0A); index += 2; continue
                case UInt8(ascii: "t"): bytes.append(0x09); index += 2; continue
                case UInt8(ascii: "0"): bytes.append(0x00); index += 2; continue
                case UInt8(ascii: "x") where index + 3 < source.count:
                    let hex = VectorFiles.bytes(hex: String(decoding: source[(index + 2)...(index + 3)], as: UTF8.self))
                    if hex.count == 1 {
                        bytes.append(hex[0])
                        index += 4
                        continue
                    }
                default: break
                }
            }
            bytes.append(byte)
            index += 1
        }
        return bytes
    }

    /// What an unambiguous `expected` text calls for.
    enum DerivedVerdict {
        /// Only success statuses are listed.
        case accept
        /// Only refusals: one of `statuses`, or any status when a close is acceptable; `mayWait`
        /// when a timeout is acceptable too.
        case refuse(statuses: Set<Int>, anyStatus: Bool, mayWait: Bool)
    }

    /// The verdict the probe's `expected` text calls for, or nil when it allows both outcomes.
    static func derivedVerdict(_ expected: String) -> DerivedVerdict? {
        let lower = expected.lowercased()
        let wantsSuccess = lower.contains("2xx") || lower.contains("200")
        let statuses = Set([400, 413, 414, 417, 431, 501, 505].filter { lower.contains(String($0)) })
        let closes = lower.contains("close") || lower.contains("timeout")
        if wantsSuccess && statuses.isEmpty && !closes { return .accept }
        if !wantsSuccess && (!statuses.isEmpty || closes) {
            return .refuse(statuses: statuses, anyStatus: closes, mayWait: lower.contains("timeout"))
        }
        return nil
    }

    @Test func http11ProbeRequests() throws {
        let index = try JSONDecoder().decode(ProbeIndex.self, from: VectorFiles.data("http11probe/index.json"))
        var run = 0
        var passed = 0
        var outOfScopeCount = 0
        var pinnedCount = 0
        var perFolder: [String: Int] = [:]
        for probe in index.tests {
            let folder = probe.file.split(separator: "/").dropLast().last.map(String.init) ?? ""
            if Self.outOfScopeFolders[folder] != nil || Self.outOfScope[probe.testID] != nil {
                outOfScopeCount += 1
                continue
            }
            guard let bytes = Self.overrideBytes(probe.testID) ?? probe.requestDisplay.map(Self.bytes(fromDisplay:)) else {
                Issue.record("\(probe.testID): no request bytes and no override")
                continue
            }
            run += 1
            perFolder[folder, default: 0] += 1
            let outcome = ParserDriver.run(bytes)
            let trickled = ParserDriver.run(bytes, chunkSize: 1)
            #expect(trickled.reason == outcome.reason && trickled.requests.count == outcome.requests.count,
                "\(probe.testID): byte-at-a-time result differs")

            var failure: String?
            let described = "\(outcome.requests.count) requests, error \(outcome.error.map { "\($0.status.code) \($0.reason)" } ?? "none")"
            if let (verdict, _) = Self.pinned[probe.testID] {
                pinnedCount += 1
                failure = check(outcome, verdict, described: described)
            } else if let derived = Self.derivedVerdict(probe.expected) {
                switch derived {
                case .accept:
                    failure = check(outcome, .accept(), described: described)
                case .refuse(let statuses, let anyStatus, let mayWait):
                    if let error = outcome.error {
                        if !anyStatus && !statuses.contains(error.status.code) {
                            failure = "status \(error.status.code) not in \(statuses.sorted())"
                        }
                    } else if !(mayWait && outcome.requests.isEmpty) {
                        failure = "expected a refusal, got \(described)"
                    }
                }
            } else {
                failure = "ambiguous expectation \"\(probe.expected)\" needs a pinned verdict"
            }
            if let failure {
                Issue.record("http11probe \(probe.testID) (\(probe.file)): \(failure)")
            } else {
                passed += 1
            }
        }
        let folders = perFolder.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("http11probe index.json: \(index.tests.count) probes, \(run) run (\(folders)), \(passed) passed (\(pinnedCount) by pinned choice), \(outOfScopeCount) out of scope")
        #expect(index.tests.count == 215)
        #expect(run + outOfScopeCount == index.tests.count)
        #expect(passed == run)
        let unknownPins = Set(Self.pinned.keys).subtracting(index.tests.map(\.testID))
        #expect(unknownPins.isEmpty, "pinned ids that match no probe: \(unknownPins.sorted())")
    }

    private func check(_ outcome: ParseOutcome, _ verdict: Verdict, described: String) -> String? {
        switch verdict {
        case .accept(let count):
            return outcome.error == nil && outcome.requests.count == count ? nil : "expected \(count) requests, got \(described)"
        case .acceptAndClose:
            return outcome.error == nil && outcome.requests.count == 1 && outcome.requests[0].keepAlive == false
                ? nil : "expected one closing request, got \(described)"
        case .reject(let reason):
            return outcome.reason == reason ? nil : "expected \(reason), got \(described)"
        case .rejectOrWait:
            return outcome.error != nil || outcome.requests.isEmpty ? nil : "expected a refusal or a wait, got \(described)"
        case .idle:
            return outcome.error == nil && outcome.requests.isEmpty && !outcome.midRequest ? nil : "expected nothing, got \(described)"
        }
    }
}

/// `http11probe/index.json`.
struct ProbeIndex: Decodable {
    struct Probe: Decodable {
        var file: String
        var testID: String
        var expected: String
        var requestDisplay: String?

        enum CodingKeys: String, CodingKey {
            case file, expected
            case testID = "test_id", requestDisplay = "request_display"
        }
    }

    var tests: [Probe]
}
