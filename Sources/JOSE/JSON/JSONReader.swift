/// A strict RFC 8259 JSON reader for JOSE headers, claims and JWK Sets.
///
/// It exists because Foundation's `JSONSerialization` is too forgiving for security decisions:
/// it silently accepts duplicate member names (keeping one of them), which lets two parsers read
/// different `alg` or `exp` values from the same token (RFC 7515 §4, RFC 7519 §4). This reader
/// refuses, at any depth:
///
/// - duplicate member names in an object,
/// - bytes that are not well-formed UTF-8 (overlong forms, encoded surrogates, code points
///   above U+10FFFF) and `\u` escapes that leave a UTF-16 surrogate unpaired,
/// - anything outside the RFC 8259 grammar: comments, trailing commas, single quotes, `NaN`,
///   `Infinity`, leading `+` or zeros, a byte-order mark, raw control characters in strings,
/// - numbers whose magnitude overflows a `Double` (such as `1e999999`),
/// - trailing data after the top-level value,
/// - nesting deeper than ``Limits/maximumDepth`` and input longer than ``Limits/maximumByteCount``.
///
/// Object member names are compared by their UTF-8 bytes after escapes are resolved (RFC 8259
/// §8.3), as every other JOSE implementation and ``JSONObject``'s look-ups do: `"a"` and
/// `"\u0061"` are duplicates, `"\u00e9"` and `"e\u0301"` are two names. Never Swift's `String`
/// equality, whose canonical reordering is quadratic in a run of combining marks — one
/// 44 KB name of alternating U+0301 U+0316 cost about a CPU-second to compare.
///
/// It runs on every token header and payload, so it works directly on raw bytes, makes one
/// pass, and allocates only for the values it returns (ASCII strings without escapes are copied
/// in one step).
///
/// ```swift
/// let value = try JSONReader.parse(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8))
/// value["alg"]?.stringValue   // "RS256"
///
/// try JSONReader.parse(Array(#"{"alg":"HS256","alg":"RS256"}"#.utf8))   // throws .duplicateMember
/// ```
public enum JSONReader {
    /// Bounds on the input a reader accepts.
    public struct Limits: Sendable, Hashable {
        /// Largest accepted document, in bytes.
        public var maximumByteCount: Int
        /// Deepest accepted nesting of arrays and objects (the top-level container is depth 1).
        /// Values above ``maximumSupportedDepth`` act as ``maximumSupportedDepth``.
        public var maximumDepth: Int

        /// Limits with the given bounds.
        public init(maximumByteCount: Int = 1 << 20, maximumDepth: Int = 64) {
            self.maximumByteCount = maximumByteCount
            self.maximumDepth = maximumDepth
        }

        /// 1 MiB and depth 64: generous for JWK Sets and token parts, small enough to bound work.
        public static let `default` = Limits()

        /// The deepest nesting the reader ever accepts, whatever ``maximumDepth`` says. The reader
        /// recurses once per level, so this ceiling bounds its stack use (measured: 256 levels
        /// parse in a debug build on a 512 KiB thread stack, the smallest default a Swift task
        /// or thread gets), while an unbounded configured depth would let a hostile document
        /// crash the process with a stack overflow (20 000 levels did, inside a `Task`).
        public static let maximumSupportedDepth = 256
    }

    /// Parses one JSON document.
    ///
    /// - Throws: ``JSONError`` saying what was wrong and where.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: Limits = .default) throws(JSONError) -> JSONValue {
        guard bytes.count <= limits.maximumByteCount else { throw JSONError(.tooLarge, at: limits.maximumByteCount) }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw JSONError(.unexpectedEnd, at: 0) }
        var scanner = JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count,
                                  maximumDepth: min(limits.maximumDepth, Limits.maximumSupportedDepth))
        return try scanner.parseDocument()
    }

    /// Parses one JSON document held in any byte collection (`[UInt8]`, `String.UTF8View`, …).
    ///
    /// - Throws: ``JSONError`` saying what was wrong and where.
    public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = .default) throws(JSONError) -> JSONValue {
        let contiguous: Result<JSONValue, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(buffer), limits: limits) }
        }
        if let contiguous { return try contiguous.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try parse(buffer, limits: limits) }
        }.get()
    }

    /// Parses one JSON document held in a string (its UTF-8 bytes).
    ///
    /// - Throws: ``JSONError`` saying what was wrong and where.
    public static func parse(_ text: String, limits: Limits = .default) throws(JSONError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(buffer), limits: limits) }
        }.get()
    }
}

/// The single-pass scanner behind ``JSONReader``. It reads from a buffer the caller keeps alive
/// for the duration of `parseDocument()`.
struct JSONScanner {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0

    /// Objects up to this many members detect duplicates by linear scan; larger ones switch to a
    /// hash set so a hostile document cannot force quadratic work.
    private static let linearDuplicateScanLimit = 32

    init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
        self.base = base
        self.count = count
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == count else { throw JSONError(.trailingData, at: index) }
        return value
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek() throws(JSONError) -> UInt8 {
        guard index < count else { throw JSONError(.unexpectedEnd, at: index) }
        return base[index]
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        guard count - index >= length else { throw JSONError(.unexpectedEnd, at: count) }
        let expected = literal.utf8Start
        for offset in 0..<length where base[index + offset] != expected[offset] {
            throw JSONError(.unexpectedCharacter, at: index + offset)
        }
        index += length
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw JSONError(.unexpectedCharacter, at: index)
        }
    }

    private mutating func enterContainer() throws(JSONError) {
        depth += 1
        guard depth <= maximumDepth else { throw JSONError(.tooDeep, at: index) }
        index += 1  // the opening bracket or brace
        skipWhitespace()
    }

    private mutating func parseObject() throws(JSONError) -> JSONObject {
        try enterContainer()
        var members: [JSONObject.Member] = []
        if try peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONObject(members)
        }
        members.reserveCapacity(8)
        var seen: Set<ExactString>?
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw JSONError(.unexpectedCharacter, at: index) }
            let nameOffset = index
            let name = try parseString()
            if seen != nil {
                guard seen?.insert(ExactString(name)).inserted == true else { throw JSONError(.duplicateMember, at: nameOffset) }
            } else {
                for member in members where member.name.isExactly(name) {
                    throw JSONError(.duplicateMember, at: nameOffset)
                }
                if members.count >= Self.linearDuplicateScanLimit {
                    var names = Set(members.map { ExactString($0.name) })
                    names.insert(ExactString(name))
                    seen = names
                }
            }
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw JSONError(.unexpectedCharacter, at: index) }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONObject.Member(name: name, value: value))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return JSONObject(members)
            default:
                throw JSONError(.unexpectedCharacter, at: index)
            }
        }
    }

    private mutating func parseArray() throws(JSONError) -> [JSONValue] {
        try enterContainer()
        var elements: [JSONValue] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return elements
            default:
                throw JSONError(.unexpectedCharacter, at: index)
            }
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        var isInteger = true
        if base[index] == UInt8(ascii: "-") { index += 1 }
        // int = zero / ( digit1-9 *DIGIT )
        guard index < count else { throw JSONError(.unexpectedEnd, at: index) }
        if base[index] == UInt8(ascii: "0") {
            index += 1
            if index < count, isDigit(base[index]) { throw JSONError(.invalidNumber, at: index) }
        } else if isDigit(base[index]) {
            while index < count, isDigit(base[index]) { index += 1 }
        } else {
            throw JSONError(.invalidNumber, at: index)
        }
        // frac = decimal-point 1*DIGIT
        if index < count, base[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < count, isDigit(base[index]) else { throw JSONError(.invalidNumber, at: index) }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        // exp = e [ minus / plus ] 1*DIGIT
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else { throw JSONError(.invalidNumber, at: index) }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        if isInteger, let integer = integerValue(from: start, to: index) {
            return JSONNumber(text: text, int64Value: integer, doubleValue: Double(integer))
        }
        guard let double = Double(text), double.isFinite else { throw JSONError(.invalidNumber, at: start) }
        return JSONNumber(text: text, int64Value: nil, doubleValue: double)
    }

    /// The integer literal in `start..<end` as an `Int64`, or `nil` when it overflows.
    private func integerValue(from start: Int, to end: Int) -> Int64? {
        var position = start
        let negative = base[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value: Int64 = 0
        while position < end {
            let digit = Int64(base[position] &- UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            // Accumulate negatively so Int64.min is representable.
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
            position += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: printable ASCII without escapes, copied in one step.
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
            if byte < 0x20 { throw JSONError(.controlCharacterInString, at: index) }
            index += 1
        }
        guard index < count else { throw JSONError(.unexpectedEnd, at: index) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(index - start + 16)
        // Bytes that need no decoding are validated in place and copied in runs, one append per
        // run rather than per scalar (a 44 KB name of combining marks is one run).
        var runStart = start
        while index < count {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                appendRun(from: runStart, to: &utf8)
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                appendRun(from: runStart, to: &utf8)
                try parseEscape(into: &utf8)
                runStart = index
            case 0..<0x20:
                throw JSONError(.controlCharacterInString, at: index)
            case 0x20..<0x80:
                index += 1
            default:
                try skipMultiByteScalar()
            }
        }
        throw JSONError(.unexpectedEnd, at: index)
    }

    /// Appends the input bytes from `runStart` up to `index` (already validated).
    private func appendRun(from runStart: Int, to utf8: inout [UInt8]) {
        guard index > runStart else { return }
        utf8.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629 table, no overlongs, no surrogates,
    /// nothing above U+10FFFF) starting at `index` and steps over it.
    private mutating func skipMultiByteScalar() throws(JSONError) {
        let lead = base[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw JSONError(.invalidUTF8, at: index)
        }
        guard count - index >= length else { throw JSONError(.invalidUTF8, at: index) }
        guard secondRange.contains(base[index + 1]) else { throw JSONError(.invalidUTF8, at: index + 1) }
        for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 {
            throw JSONError(.invalidUTF8, at: index + offset)
        }
        index += length
    }

    /// Decodes one backslash escape starting at `index` and appends its UTF-8 form.
    private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONError) {
        let escapeOffset = index
        index += 1
        guard index < count else { throw JSONError(.unexpectedEnd, at: index) }
        let byte = base[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): utf8.append(0x22)
        case UInt8(ascii: "\\"): utf8.append(0x5C)
        case UInt8(ascii: "/"): utf8.append(0x2F)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHexQuad()
            var scalarValue = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard count - index >= 6, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                    throw JSONError(.loneSurrogate, at: escapeOffset)
                }
                index += 2
                let low = try parseHexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONError(.loneSurrogate, at: escapeOffset) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw JSONError(.loneSurrogate, at: escapeOffset)
            }
            appendUTF8(scalarValue, to: &utf8)
        default:
            throw JSONError(.invalidEscape, at: escapeOffset)
        }
    }

    /// Appends the UTF-8 form of a Unicode scalar value (never a surrogate here).
    private func appendUTF8(_ scalar: UInt32, to utf8: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            utf8.append(UInt8(scalar))
        case 0x80..<0x800:
            utf8.append(UInt8(0xC0 | scalar >> 6))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            utf8.append(UInt8(0xE0 | scalar >> 12))
            utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        default:
            utf8.append(UInt8(0xF0 | scalar >> 18))
            utf8.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private mutating func parseHexQuad() throws(JSONError) -> UInt16 {
        guard count - index >= 4 else { throw JSONError(.invalidEscape, at: index) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}
