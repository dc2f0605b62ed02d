import Foundation

/// A single PEM block (RFC 7468): `-----BEGIN <label>-----`, base64 lines, `-----END <label>-----`.
///
/// Parsing is strict: exactly one block, optionally surrounded by whitespace; matching labels;
/// the body is standard base64 with correct padding, whitespace only between characters.
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
        guard let data = Data(base64Encoded: body.joined()), !data.isEmpty else { throw .invalidBase64 }
        label = beginLabel
        derBytes = [UInt8](data)
    }
}
