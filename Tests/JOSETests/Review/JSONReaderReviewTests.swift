import Foundation
import Testing
@testable import JOSE

/// Security review of the strict JSON reader (attacks.md A4 #27, #28): parser differentials,
/// stack depth and work bounds.
@Suite("Review: JSON reader strictness and bounds")
struct JSONReaderReviewTests {
    private func reason(_ text: String, limits: JSONReader.Limits = .default) -> JSONError.Reason? {
        do {
            _ = try JSONReader.parse(Array(text.utf8), limits: limits)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("names are compared after unescaping: \"a\" and \"\\u0061\" are duplicates")
    func duplicatesAfterUnescaping() {
        #expect(reason(#"{"a":1,"\u0061":2}"#) == .duplicateMember)
        #expect(reason(#"{"\u0061":1,"a":2}"#) == .duplicateMember)
        #expect(reason(#"{"alg":"HS256","\u0061\u006C\u0067":"RS256"}"#) == .duplicateMember)
        #expect(reason(#"{"a\/b":1,"a/b":2}"#) == .duplicateMember)
        #expect(reason(#"{"\ud83d\ude00":1,"😀":2}"#) == .duplicateMember)
        // Past the linear-scan threshold the hash-set path must see the same equality.
        let many = (0..<40).map { #""k\#($0)":0"# }.joined(separator: ",")
        #expect(reason("{" + many + #","\u006b7":1}"#) == .duplicateMember)
        // Names compare as UTF-8 bytes (RFC 8259 §8.3), like every other JOSE parser and like
        // JSONObject's look-ups: canonically equivalent spellings are two different names.
        #expect(reason(#"{"\u00e9":1,"e\u0301":2}"#) == nil)
        // Names that differ only by a NUL or by case are distinct.
        #expect(reason(#"{"a":1,"a\u0000":2,"A":3}"#) == nil)
    }

    @Test("NUL inside strings is kept, never a terminator")
    func nulInStrings() throws {
        let value = try JSONReader.parse(Array(#"{"alg":"HS256\u0000","kid":"k\u0000x"}"#.utf8))
        #expect(value["alg"]?.stringValue == "HS256\u{0}")
        #expect(value["kid"]?.stringValue?.utf8.count == 3)
        #expect(reason("\"a\u{0}b\"") == .controlCharacterInString)
    }

    @Test("1, 1.0 and 1e0 read as the same Double, but only 1 is an integer (NumericDate callers see the difference)")
    func integerAndFractionSpellings() throws {
        for text in ["1", "1.0", "1e0", "10E-1", "0.1e1"] {
            let number = try #require(try JSONReader.parse(Array(text.utf8)).numberValue)
            #expect(number.doubleValue == 1, "\(text)")
            #expect(number.isInteger == (text == "1"), "\(text)")
        }
        // Integers beyond Int64 keep a Double reading but no integer one.
        let big = try #require(try JSONReader.parse(Array("9223372036854775808".utf8)).numberValue)
        #expect(big.int64Value == nil && big.doubleValue == 9_223_372_036_854_775_808)
        #expect(try JSONReader.parse(Array("-9223372036854775808".utf8)).numberValue?.int64Value == .min)
    }

    @Test("huge exponents: overflow is refused, underflow reads as zero")
    func hugeExponents() throws {
        for text in ["1e999999", "-1e309", "1e99999999999999999999999999", "[1.8e308]"] {
            #expect(reason(text) == .invalidNumber, "\(text)")
        }
        for text in ["1e-999999", "1e-99999999999999999999999999", "-4e-400"] {
            let number = try #require(try JSONReader.parse(Array(text.utf8)).numberValue)
            #expect(number.doubleValue == 0 && number.int64Value == nil, "\(text)")
        }
    }

    /// Finding (low): `Limits.maximumDepth` had no ceiling, and the reader recurses once per
    /// level, so a caller that configured a large depth let a deeply nested document overflow
    /// the stack (observed: SIGSEGV at 20 000 levels inside a `Task`, debug build). The reader
    /// now caps the depth at `Limits.maximumSupportedDepth`.
    @Test("a configured depth above the ceiling is capped: deep documents are refused, not a stack overflow")
    func configuredDepthIsCapped() async {
        let outcome = await Task { () -> JSONError.Reason? in
            let depth = 100_000
            let deep = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            do throws(JSONError) {
                _ = try JSONReader.parse(deep, limits: JSONReader.Limits(maximumDepth: 1_000_000))
                return nil
            } catch {
                return error.reason
            }
        }.value
        #expect(outcome == .tooDeep)
    }

    /// Parses documents nested exactly to `depth` and one level deeper, objects and arrays mixed.
    private static func depthOutcomes(_ depth: Int, limits: JSONReader.Limits) -> (atLimit: Bool, overLimit: JSONError.Reason?) {
        func nested(_ levels: Int) -> [UInt8] {
            var open = "", close = ""
            for level in 0..<levels {
                if level % 2 == 0 { open += #"{"a":"#; close = "}" + close } else { open += "["; close = "]" + close }
            }
            return Array((open + "0" + close).utf8)
        }
        let atLimit = (try? JSONReader.parse(nested(depth), limits: limits)) != nil
        do {
            _ = try JSONReader.parse(nested(depth + 1), limits: limits)
            return (atLimit, nil)
        } catch {
            return (atLimit, error.reason)
        }
    }

    @Test("nesting at the default and the maximum depth parses inside a Task (cooperative pool stack)")
    func deepNestingInsideATask() async {
        let defaultDepth = await Task { Self.depthOutcomes(JSONReader.Limits.default.maximumDepth, limits: .default) }.value
        #expect(defaultDepth.atLimit && defaultDepth.overLimit == .tooDeep)
        let ceiling = JSONReader.Limits.maximumSupportedDepth
        let maximum = await Task { Self.depthOutcomes(ceiling, limits: JSONReader.Limits(maximumDepth: .max)) }.value
        #expect(maximum.atLimit && maximum.overLimit == .tooDeep)
    }

    @Test("the maximum depth parses on a thread with only 512 KiB of stack (debug build)")
    func deepNestingOnASmallStack() async {
        let ceiling = JSONReader.Limits.maximumSupportedDepth
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<(atLimit: Bool, overLimit: JSONError.Reason?), Never>) in
            let thread = Thread {
                continuation.resume(returning: Self.depthOutcomes(ceiling, limits: JSONReader.Limits(maximumDepth: .max)))
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(outcome.atLimit && outcome.overLimit == .tooDeep)
    }

    @Test("1 MiB hostile documents parse or fail in one pass (long numbers, strings, escapes, many members)")
    func largeDocumentsStayLinear() throws {
        let size = JSONReader.Limits.default.maximumByteCount - 16
        let documents: [(String, [UInt8], JSONError.Reason?)] = [
            ("long integer (overflows a Double)", Array(("[1" + String(repeating: "7", count: size) + "]").utf8), .invalidNumber),
            ("long integer with a negative exponent", Array(("[1" + String(repeating: "7", count: size - 16) + "e-1048600]").utf8), nil),
            ("long fraction", Array(("[0." + String(repeating: "0", count: size) + "1]").utf8), nil),
            ("long escapes", Array(("[\"" + String(repeating: #"\u00e9"#, count: size / 6) + "\"]").utf8), nil),
            ("many members", Array(("{" + (0..<(size / 12)).map { #""m\#($0)":0"# }.joined(separator: ",") + "}").utf8), nil),
            ("many numbers", Array(("[" + String(repeating: "1e-9,", count: size / 5) + "0]").utf8), nil),
            ("many empty arrays", Array(("[" + String(repeating: "[],", count: size / 3) + "[]]").utf8), nil),
        ]
        for (name, bytes, expected) in documents {
            #expect(bytes.count <= JSONReader.Limits.default.maximumByteCount, "\(name)")
            let outcome: JSONError.Reason?
            do {
                _ = try JSONReader.parse(bytes)
                outcome = nil
            } catch {
                outcome = error.reason
            }
            #expect(outcome == expected, "\(name)")
        }
        // One byte over the limit is refused before any parsing.
        let tooLarge = [UInt8](repeating: 0x20, count: JSONReader.Limits.default.maximumByteCount + 1)
        #expect(throws: JSONError(.tooLarge, at: JSONReader.Limits.default.maximumByteCount)) { try JSONReader.parse(tooLarge) }
    }
}
