import Foundation
@testable import JOSE

/// Security review: a fixed-seed generator of JSON documents for the reader's differential and
/// fuzz tests. Documents are built as text (with random insignificant whitespace and escapes), so
/// the reader sees spellings a serializer would never produce. Object member names are unique by
/// construction (an ASCII `#index` suffix), so no two names are equal or canonically equivalent.
struct JSONReviewCorpus {
    var random: ECTestRandomGenerator

    init(seed: UInt64) { random = ECTestRandomGenerator(seed: seed) }

    /// String fragments as written in JSON text: plain ASCII, every RFC 8259 escape, `\u` escapes
    /// (BMP, surrogate pairs, NUL), raw multi-byte UTF-8, and the `"a"`/`"\u0061"` pair.
    static let stringPieces: [String] = [
        "a", "b", "Z", "0", " ", "alg", "kid", "RS256", "-", "_", "~",
        #"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#,
        #"\u0061"#, #"\u00e9"#, #"\u00E9"#, #"\u0000"#, #"\u001f"#, #"\u2028"#, #"\ud83d\ude00"#, #"\uD834\uDD1E"#, #"\uffff"#,
        "é", "日本", "😀", "\u{7F}", "\u{FFFD}",
    ]

    /// Numbers in every grammar shape, in ranges where a `Double` is exact enough for both readers to agree.
    mutating func numberText() -> String {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return "0"
        case 1: return "-0"
        case 2: return String(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &random))
        case 3: return String(Int.random(in: -1000...1000, using: &random)) + "." + String(Int.random(in: 0...99999, using: &random))
        case 4: return String(Int.random(in: 1...9, using: &random)) + (Bool.random(using: &random) ? "e" : "E")
            + ["", "+", "-"].randomElement(using: &random)! + String(Int.random(in: 0...300, using: &random))
        case 5: return "-" + String(Int.random(in: 0...9, using: &random)) + "." + String(Int.random(in: 0...999, using: &random)) + "e-" + String(Int.random(in: 0...30, using: &random))
        case 6: return String(Int64.random(in: Int64.min...Int64.max, using: &random))
        default: return String(Int.random(in: 0...1_700_000_000, using: &random))
        }
    }

    mutating func stringText(suffix: String = "") -> String {
        var text = "\""
        for _ in 0..<Int.random(in: 0...6, using: &random) { text += Self.stringPieces.randomElement(using: &random)! }
        return text + suffix + "\""
    }

    mutating func whitespace() -> String {
        guard Int.random(in: 0..<4, using: &random) == 0 else { return "" }
        return String((0..<Int.random(in: 1...3, using: &random)).map { _ in [" ", "\t", "\n", "\r"].randomElement(using: &random)! })
    }

    /// A random JSON value as text, nesting at most `depth` more levels.
    mutating func valueText(depth: Int) -> String {
        let kind = depth <= 0 ? Int.random(in: 0..<5, using: &random) : Int.random(in: 0..<7, using: &random)
        switch kind {
        case 0: return "null"
        case 1: return Bool.random(using: &random) ? "true" : "false"
        case 2: return numberText()
        case 3, 4: return stringText()
        case 5:
            let count = Int.random(in: 0...4, using: &random)
            let elements = (0..<count).map { _ in whitespace() + valueText(depth: depth - 1) + whitespace() }
            return "[" + whitespace() + elements.joined(separator: ",") + "]"
        default:
            let count = Int.random(in: 0...5, using: &random)
            let members = (0..<count).map { index in
                whitespace() + stringText(suffix: "#\(index)") + whitespace() + ":" + whitespace() + valueText(depth: depth - 1) + whitespace()
            }
            return "{" + whitespace() + members.joined(separator: ",") + "}"
        }
    }

    /// A random document whose top level is an object or an array (what JOSE parses).
    mutating func document() -> [UInt8] {
        var text = valueText(depth: 4)
        if !text.hasPrefix("{") && !text.hasPrefix("[") { text = "[" + text + "]" }
        return Array((whitespace() + text + whitespace()).utf8)
    }

    /// Bytes a mutation inserts: structure, number and literal starts, escapes, whitespace,
    /// NUL, DEL, a BOM lead byte and invalid UTF-8.
    static let hostileBytes: [UInt8] = Array(#",:[]{}"\0-+.eE tfn/*#'"#.utf8) + [0x00, 0x09, 0x0A, 0x0C, 0x7F, 0x80, 0xBF, 0xC0, 0xE2, 0xED, 0xEF, 0xF4, 0xF5, 0xFF]

    /// One to three random edits (delete, insert, replace, truncate) of `document`.
    mutating func mutate(_ document: [UInt8]) -> [UInt8] {
        var bytes = document
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes.remove(at: position)
            case 1: bytes.insert(Self.hostileBytes.randomElement(using: &random)!, at: position)
            case 2: bytes[position] = Self.hostileBytes.randomElement(using: &random)!
            default: bytes.removeLast(Int.random(in: 1...min(3, bytes.count), using: &random))
            }
        }
        return bytes
    }
}
