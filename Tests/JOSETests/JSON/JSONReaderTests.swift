import Testing
@testable import JOSE

@Suite("Strict JSON reader and writer")
struct JSONReaderTests {
    private func parse(_ text: String, limits: JSONReader.Limits = .default) throws(JSONError) -> JSONValue {
        try JSONReader.parse(Array(text.utf8), limits: limits)
    }

    private func reason(_ bytes: [UInt8], limits: JSONReader.Limits = .default) -> JSONError.Reason? {
        do {
            _ = try JSONReader.parse(bytes, limits: limits)
            return nil
        } catch {
            return error.reason
        }
    }

    private func reason(_ text: String, limits: JSONReader.Limits = .default) -> JSONError.Reason? {
        reason(Array(text.utf8), limits: limits)
    }

    @Test func readsAllKindsAndKeepsMemberOrder() throws {
        let value = try parse(#" {"z":1,"a":[true,false,null],"m":{"s":"x"},"d":-2.5e3} "#)
        let object = try #require(value.objectValue)
        #expect(object.names == ["z", "a", "m", "d"])
        #expect(value["z"]?.numberValue?.int64Value == 1)
        #expect(value["a"]?.arrayValue == [.bool(true), .bool(false), .null])
        #expect(value["m"]?["s"]?.stringValue == "x")
        #expect(value["d"]?.numberValue?.doubleValue == -2500)
        #expect(value["d"]?.numberValue?.isInteger == false)
        #expect(value["missing"] == nil)
    }

    @Test func numbersKeepTextAndIntegerReading() throws {
        let exp = try #require(try parse("1700000000").numberValue)
        #expect(exp.int64Value == 1_700_000_000)
        #expect(exp.text == "1700000000")
        #expect(try parse("-9223372036854775808").numberValue?.int64Value == Int64.min)
        #expect(try parse("9223372036854775807").numberValue?.int64Value == Int64.max)
        let big = try #require(try parse("9223372036854775808").numberValue)
        #expect(big.int64Value == nil)
        #expect(big.doubleValue == 9_223_372_036_854_775_808)
        #expect(try parse("1.0").numberValue?.int64Value == nil)
        #expect(try parse("-0").numberValue?.text == "-0")
        #expect(try parse("1E+2").numberValue?.doubleValue == 100)
    }

    @Test func refusesMalformedNumbers() {
        for text in ["+1", "01", "-", "1.", ".5", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1e999999", "-1e400"] {
            #expect(reason(text) != nil, "accepted \(text)")
        }
        #expect(reason("1e999999") == .invalidNumber)
        #expect(reason("01") == .invalidNumber)
    }

    @Test func resolvesEscapesAndSurrogatePairs() throws {
        let value = try parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\u0041""#)
        #expect(value.stringValue == "a\"b\\c/d\u{8}\u{C}\n\r\té😀A")
        #expect(try parse("\"héllo ✓ 😀\"").stringValue == "héllo ✓ 😀")
    }

    @Test func refusesLoneSurrogatesAndBadEscapes() {
        #expect(reason(#""\ud800""#) == .loneSurrogate)
        #expect(reason(#""\udc00""#) == .loneSurrogate)
        #expect(reason(#""\ud800\u0041""#) == .loneSurrogate)
        #expect(reason(#""\ud800x""#) == .loneSurrogate)
        #expect(reason(#""\x41""#) == .invalidEscape)
        #expect(reason(#""\u12g4""#) == .invalidEscape)
        #expect(reason(#""\'""#) == .invalidEscape)
    }

    @Test func refusesInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],                    // never valid
            [0x22, 0xC0, 0xAF, 0x22],              // overlong "/"
            [0x22, 0xE0, 0x80, 0xAF, 0x22],        // overlong
            [0x22, 0xED, 0xA0, 0x80, 0x22],        // encoded surrogate U+D800
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xC3, 0x22],                    // truncated sequence
            [0x22, 0x80, 0x22],                    // lone continuation byte
        ]
        for bytes in cases {
            #expect(reason(bytes) == .invalidUTF8, "accepted \(bytes)")
        }
    }

    @Test func refusesDuplicateMembersAtAnyDepth() {
        #expect(reason(#"{"alg":"HS256","alg":"RS256"}"#) == .duplicateMember)
        #expect(reason(#"{"a":{"b":1,"b":2}}"#) == .duplicateMember)
        #expect(reason(#"[{"x":[{"k":1,"k":1}]}]"#) == .duplicateMember)
        // Escapes are resolved before comparing: "\u0061lg" is "alg".
        #expect(reason(#"{"alg":"HS256","\u0061lg":"RS256"}"#) == .duplicateMember)
        // Large objects switch to hashing; duplicates far apart are still found.
        let members = (0..<200).map { "\"m\($0)\":\($0)" } + ["\"m7\":0"]
        #expect(reason("{" + members.joined(separator: ",") + "}") == .duplicateMember)
        #expect(reason("{" + members.dropLast().joined(separator: ",") + "}") == nil)
    }

    @Test func refusesNonGrammarInput() {
        let cases: [(String, JSONError.Reason)] = [
            ("", .unexpectedEnd),
            ("   ", .unexpectedEnd),
            (#"{"a":1,}"#, .unexpectedCharacter),
            ("[1,]", .unexpectedCharacter),
            (#"{'a':1}"#, .unexpectedCharacter),
            (#"{"a":1} // c"#, .trailingData),
            (#"/* c */ {"a":1}"#, .unexpectedCharacter),
            (#"{"a":1}x"#, .trailingData),
            (#"{"a":1}{"b":2}"#, .trailingData),
            ("\u{FEFF}{}", .unexpectedCharacter),
            ("tru", .unexpectedEnd),
            ("nul", .unexpectedEnd),
            ("True", .unexpectedCharacter),
            (#"{"a" 1}"#, .unexpectedCharacter),
            (#"{a:1}"#, .unexpectedCharacter),
            ("\"a\tb\"", .controlCharacterInString),
            ("\"abc", .unexpectedEnd),
            ("[1 2]", .unexpectedCharacter),
        ]
        for (text, expected) in cases {
            #expect(reason(text) == expected, "input \(text.debugDescription)")
        }
    }

    @Test func enforcesDepthAndSizeLimits() {
        let limits = JSONReader.Limits(maximumByteCount: 1000, maximumDepth: 8)
        #expect(reason(String(repeating: "[", count: 8) + String(repeating: "]", count: 8), limits: limits) == nil)
        #expect(reason(String(repeating: "[", count: 9) + String(repeating: "]", count: 9), limits: limits) == .tooDeep)
        #expect(reason(String(repeating: "{\"a\":", count: 9) + "1" + String(repeating: "}", count: 9), limits: limits) == .tooDeep)
        // The default depth (64) refuses deep hostile input without exhausting the stack.
        #expect(reason(String(repeating: "[", count: 100_000)) == .tooDeep)
        #expect(reason("\"" + String(repeating: "a", count: 1000) + "\"", limits: limits) == .tooLarge)
    }

    @Test func writerRoundTripsCompactly() throws {
        let source = #" { "sub" : "al\"ice\n", "n" : 1.50, "e": [ ], "o":{}, "u":"é\u0001\u007f" } "#
        let value = try parse(source)
        let compact = JSONWriter.serialize(value)
        #expect(compact == #"{"sub":"al\"ice\n","n":1.50,"e":[],"o":{},"u":"é\u0001\u007f"}"#)
        #expect(try parse(compact) == value)
        #expect(!compact.contains("\n"))
    }
}

@Suite("JSON literals")
struct JSONLiteralTests {
    @Test func literalsBuildOrderedValuesThatRoundTrip() throws {
        let claims: JSONValue = ["aud": "api://aad-func", "exp": 1_763_703_900, "ratio": 0.25, "roles": ["DoAll"], "ok": true, "acct": nil]
        let text = JSONWriter.serialize(claims)
        #expect(text == #"{"aud":"api://aad-func","exp":1763703900,"ratio":0.25,"roles":["DoAll"],"ok":true,"acct":null}"#)
        #expect(try JSONReader.parse(text) == claims)
        #expect(claims["exp"]?.numberValue?.int64Value == 1_763_703_900)
    }

    @Test func doublesAreFiniteAndShortest() {
        #expect(JSONNumber(exactly: 1.5)?.text == "1.5")
        #expect(JSONNumber(exactly: 3.0)?.text == "3")
        #expect(JSONNumber(exactly: 3.0)?.int64Value == 3)
        #expect(JSONNumber(exactly: 1e-7)?.text == "1e-07")
        #expect(JSONNumber(exactly: .nan) == nil)
        #expect(JSONNumber(exactly: .infinity) == nil)
        // Whatever Swift prints must be valid JSON.
        for value in [1e-7, 1.5e300, -0.125, 123456.789] {
            let text = JSONNumber(exactly: value)?.text ?? ""
            #expect((try? JSONReader.parse(text))?.numberValue?.doubleValue == value, "\(text)")
        }
    }
}
