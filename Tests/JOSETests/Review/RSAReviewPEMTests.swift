import Foundation
import Testing
@testable import JOSE

/// PEM armour (RFC 7468) parsing quirks. The base64 body must be standard base64 with exactly the
/// padding RFC 4648 §4 prescribes, so each DER has one PEM body spelling (apart from line breaks).
@Suite("Review: PEM parsing quirks")
struct RSAReviewPEMTests {
    /// Wraps a body between PUBLIC KEY armour lines.
    private func armoured(_ body: String) -> String {
        "-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----\n"
    }

    /// The canonical body of the Wycheproof 2048-bit key on one line.
    private func canonicalBody() throws -> String {
        Data(try RSATestSupport.wycheproofKey2048().der).base64EncodedString()
    }

    @Test("The canonical body parses (baseline for the quirks below)")
    func canonicalBodyParses() throws {
        let document = try PEMDocument(parsing: armoured(try canonicalBody()))
        #expect(document.derBytes == (try RSATestSupport.wycheproofKey2048().der))
        #expect(try RSAPublicKey(pemRepresentation: armoured(try canonicalBody())) == RSAPublicKey(
            derRepresentation: try RSATestSupport.wycheproofKey2048().der))
    }

    /// Foundation's `Data(base64Encoded:)` on Linux accepts extra `=` after a complete quantum,
    /// more than two padding characters, data after padding (`QQ=A` → 41 00) and a body of only
    /// padding (`====` → 00). The reviewer found these by probing; each must be refused.
    @Test("Bodies with surplus, misplaced or lone padding are refused", arguments: [
        "surplus = after a full quantum", "three = padding", "six = padding", "data after padding",
        "padding only", "padding then a line of data",
    ])
    func nonCanonicalPaddingIsRefused(variant: String) throws {
        let body = try canonicalBody()  // 294 bytes of DER: 392 characters, no padding
        let text: String
        switch variant {
        case "surplus = after a full quantum": text = armoured(body + "=")
        case "three = padding": text = armoured(String(body.dropLast(4)) + "AA===")
        case "six = padding": text = armoured(String(body.dropLast(4)) + "AA======")
        case "data after padding": text = armoured(String(body.dropLast(4)) + "AA=A")
        case "padding only": text = armoured("====")
        default: text = armoured("QQ==\nQUJD")
        }
        #expect(throws: PEMDocument.ParseError.invalidBase64, "\(variant)") { try PEMDocument(parsing: text) }
        #expect(throws: RSAKeyError(.malformedEncoding, ""), "\(variant)") { try RSAPublicKey(pemRepresentation: text) }
    }

    @Test("Set bits after the last encoded byte are refused (one spelling per DER)")
    func nonZeroTrailingBitsAreRefused() throws {
        // "QQ==" is 0x41; "QR==" decodes to the same byte with a stray low bit set.
        #expect(try PEMDocument(parsing: "-----BEGIN X-----\nQQ==\n-----END X-----").derBytes == [0x41])
        #expect(throws: PEMDocument.ParseError.invalidBase64) { try PEMDocument(parsing: "-----BEGIN X-----\nQR==\n-----END X-----") }
        #expect(throws: PEMDocument.ParseError.invalidBase64) { try PEMDocument(parsing: "-----BEGIN X-----\nQUI=\nQUJD\n-----END X-----") }
    }

    @Test("Base64url characters, spaces inside a line and unpadded tails are refused", arguments: [
        "QUJD-_-_", "QU JD", "QQ", "QUI", "Q", "QUJD\tQUJD",
    ])
    func foreignCharactersAreRefused(body: String) {
        #expect(throws: PEMDocument.ParseError.invalidBase64, "\(body)") {
            try PEMDocument(parsing: "-----BEGIN X-----\n\(body)\n-----END X-----")
        }
    }

    @Test("Line breaks anywhere between characters are allowed; CRLF and trailing whitespace too")
    func lineBreaksAreAllowed() throws {
        let body = try canonicalBody()
        let der = try RSATestSupport.wycheproofKey2048().der
        var wrapped = ""
        for (index, character) in body.enumerated() {
            wrapped.append(character)
            if index % 17 == 16 { wrapped += "\r\n" }
        }
        #expect(try PEMDocument(parsing: "-----BEGIN PUBLIC KEY-----\r\n\(wrapped)\r\n-----END PUBLIC KEY-----  \r\n").derBytes == der)
        #expect(try PEMDocument(parsing: RSATestSupport.pem("PUBLIC KEY", der)).derBytes == der)
    }

    @Test("Armour quirks: explanatory text, two blocks, headers, label case and spacing are refused", arguments: [
        "text before\n-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----\n-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\nQUJD\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END public key-----",
        "-----BEGIN  PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----QUJD-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----",
        "-----BEGIN -----\nQUJD\n-----END -----",
        "-----END PUBLIC KEY-----\nQUJD\n-----BEGIN PUBLIC KEY-----",
    ])
    func armourQuirksAreRefused(text: String) {
        #expect(throws: PEMDocument.ParseError.self) { try PEMDocument(parsing: text) }
    }
}
