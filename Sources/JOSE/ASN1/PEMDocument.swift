import Foundation

/// A single PEM block (RFC 7468): `-----BEGIN <label>-----`, base64 lines, `-----END <label>-----`.
///
/// Parsing is strict: exactly one block, optionally surrounded by whitespace; matching labels;
/// the body is standard base64 with exactly the padding its length needs and no set bits after
/// the last byte; line breaks (and whitespace at line ends) only between characters.
///
/// ```swift
/// let pem = try PEMDocument(parsing: text)
/// if pem.label == "PUBLIC KEY" { … pem.derBytes … }
/// ```
struct PEMDocument: Sendable, Equatable {
    /// Why a PEM text was refused.
    enum ParseError: Error, Sendable, Equatable {
        case missingBeginLine
        case missingEndLine
        case labelMismatch
        case unexpectedText
        case invalidBase64
    }

    /// The label between `BEGIN ` and the dashes, for example `PUBLIC KEY`.
    var label: String
    /// The decoded body.
    var derBytes: [UInt8]

    /// A document to write.
    init(label: String, derBytes: [UInt8]) {
        self.label = label
        self.derBytes = derBytes
    }

    /// The RFC 7468 text: BEGIN line, standard base64 in 64-character lines, END line, and a
    /// final newline.
    var pemString: String {
        var base64 = Base64URL.encode(derBytes).utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        base64 += [UInt8](repeating: UInt8(ascii: "="), count: (4 - base64.count % 4) % 4)
        var lines = ["-----BEGIN \(label)-----"]
        var start = 0
        while start < base64.count {
            let end = min(start + 64, base64.count)
            lines.append(String(decoding: base64[start..<end], as: UTF8.self))
            start = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether the label is exactly `label` (bytes, not Swift's canonical-equivalence `==`).
    func hasLabel(_ label: String) -> Bool {
        self.label.isExactly(label)
    }

    init(parsing text: String) throws(ParseError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let first = lines.first, first.hasPrefix("-----BEGIN "), first.hasSuffix("-----"), first.count > 16 else {
            throw .missingBeginLine
        }
        let beginLabel = String(first.dropFirst(11).dropLast(5))
        guard lines.count >= 2, let last = lines.last, last.hasPrefix("-----END "), last.hasSuffix("-----") else {
            throw .missingEndLine
        }
        guard String(last.dropFirst(9).dropLast(5)) == beginLabel else { throw .labelMismatch }
        let body = lines.dropFirst().dropLast()
        guard body.allSatisfy({ !$0.hasPrefix("-----") && !$0.contains(":") }) else { throw .unexpectedText }
        guard let decoded = Self.decodeStrictBase64(body.joined()), !decoded.isEmpty else { throw .invalidBase64 }
        label = beginLabel
        derBytes = decoded
    }

    /// Standard base64 (RFC 4648 §4) with exactly the padding the length needs, decoded strictly,
    /// or `nil`. Foundation's `Data(base64Encoded:)` on Linux accepts surplus `=`, data after
    /// padding (`QQ=A` → `41 00`) and a body of padding alone (`====` → `00`); this does not.
    /// It rewrites the text into the unpadded base64url alphabet and lets ``Base64URL`` do the
    /// decoding, which also refuses set bits after the last byte.
    static func decodeStrictBase64(_ text: String) -> [UInt8]? {
        var characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }
        var padding = 0
        while padding < 2, characters.last == UInt8(ascii: "=") {
            characters.removeLast()
            padding += 1
        }
        for index in characters.indices {
            switch characters[index] {
            case UInt8(ascii: "+"): characters[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): characters[index] = UInt8(ascii: "_")
            // Base64url's own characters and any padding left over are not standard base64 here.
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): return nil
            default: break
            }
        }
        return try? Base64URL.decode(characters)
    }
}
