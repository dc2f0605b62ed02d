import Testing
@testable import JOSE

/// Security review, attacks.md A4 #29 (non-canonical base64url): a fixed-seed fuzz of the strict
/// decoder against an independent, obviously-correct reference model. For every input the two
/// must agree on accept/refuse and on the refusal reason, an accepted input must re-encode to
/// exactly itself (one spelling per byte string), and nothing may trap.
@Suite("Review: base64url fuzz")
struct Base64URLFuzzReviewTests {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    /// Bytes an attacker would try: padding, the standard alphabet, whitespace, the JWS
    /// separator, NUL, DEL, and non-ASCII (including bytes whose low bits alias valid ones).
    static let hostile: [UInt8] = Array("=+/ \t\r\n.%\\".utf8) + [0x00, 0x7F, 0x80, 0xC1, 0xFF, 0x41 | 0x80, 0x2D | 0x80]

    /// The reference: what RFC 4648 §5 + RFC 7515 §2 (unpadded, canonical) allow, decoded bit by bit.
    static func reference(_ input: [UInt8]) -> Result<[UInt8], Base64URLError> {
        if input.count % 4 == 1 { return .failure(Base64URLError(reason: .invalidLength)) }
        var values: [UInt32] = []
        for (offset, byte) in input.enumerated() {
            guard let value = alphabet.firstIndex(of: byte) else {
                return .failure(Base64URLError(reason: .invalidCharacter, offset: offset))
            }
            values.append(UInt32(value))
        }
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bitCount = 0
        for value in values {
            accumulator = accumulator << 6 | value
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                accumulator &= (1 << UInt32(bitCount)) - 1
            }
        }
        if accumulator != 0 {
            return .failure(Base64URLError(reason: .nonZeroTrailingBits, offset: input.count - 1))
        }
        return .success(output)
    }

    @Test func decoderAgreesWithTheReferenceOnRandomInputs() {
        var random = ECTestRandomGenerator(seed: 0xB64_0029)
        var accepted = 0
        var refused: [Base64URLError.Reason: Int] = [:]
        let total = 6000
        for round in 0..<total {
            let length = Int.random(in: 0...48, using: &random)
            var input = (0..<length).map { _ in Self.alphabet.randomElement(using: &random)! }
            // Half the inputs stay in the alphabet (so the trailing-bit and length rules get
            // exercised); the rest get one to three hostile bytes at random places.
            if round % 2 == 1, !input.isEmpty {
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    input[Int.random(in: 0..<input.count, using: &random)] = Self.hostile.randomElement(using: &random)!
                }
            }
            let expected = Self.reference(input)
            let actual = Result { () throws(Base64URLError) in try Base64URL.decode(input) }
            switch (expected, actual) {
            case (.success(let want), .success(let got)):
                accepted += 1
                #expect(got == want, "round \(round): \(String(decoding: input, as: UTF8.self).debugDescription)")
                #expect(Array(Base64URL.encode(got).utf8) == input, "round \(round): accepted a non-canonical spelling")
            case (.failure(let want), .failure(let got)):
                refused[want.reason, default: 0] += 1
                #expect(got == want, "round \(round): \(input)")
            default:
                Issue.record("round \(round): reference \(expected), decoder \(actual) for \(input)")
            }
        }
        print("base64url fuzz: \(total) inputs, \(accepted) accepted, refused by reason \(refused)")
        #expect(accepted + refused.values.reduce(0, +) == total)
        // The generator must actually reach every branch, or the test proves little.
        #expect(accepted > 500)
        #expect(refused[.invalidLength, default: 0] > 100)
        #expect(refused[.invalidCharacter, default: 0] > 500)
        #expect(refused[.nonZeroTrailingBits, default: 0] > 100)
    }

    /// Every byte string of random length round-trips, through every entry point.
    @Test func randomBytesRoundTrip() throws {
        var random = ECTestRandomGenerator(seed: 0xB64_0030)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...70, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = Base64URL.encode(bytes)
            #expect(!text.utf8.contains { !Self.alphabet.contains($0) })
            #expect(try Base64URL.decode(text) == bytes)
            #expect(try Base64URL.decode(Array(text.utf8)) == bytes)
            #expect(try Base64URL.decode(text[...]) == bytes)
        }
    }

    /// attacks.md A4 #29: for every last character of every final-group size, exactly the
    /// variants with zero unused bits decode, so no two texts decode to the same bytes.
    @Test func exactlyOneSpellingPerFinalGroup() throws {
        for prefix in ["", "QUJD"] {
            for length in [2, 3] {
                var decodedToText: [[UInt8]: String] = [:]
                for first in Self.alphabet.prefix(4) {
                    for last in Self.alphabet {
                        let middle = length == 3 ? [UInt8(ascii: "Q")] : []
                        let text = prefix + String(decoding: [first] + middle + [last], as: UTF8.self)
                        guard let bytes = try? Base64URL.decode(text) else { continue }
                        #expect(decodedToText[bytes] == nil, "\(text) and \(decodedToText[bytes] ?? "") decode alike")
                        decodedToText[bytes] = text
                    }
                }
                // 4 first characters × (16 last characters for 2-char groups, 4 for 3-char groups).
                #expect(decodedToText.count == 4 * (length == 2 ? 4 : 16))
            }
        }
    }
}
