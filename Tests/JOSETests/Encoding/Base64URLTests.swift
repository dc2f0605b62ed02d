import Testing
import JOSE

@Suite("Base64URL")
struct Base64URLTests {
    /// RFC 4648 §10 test vectors, without the padding base64url in JWS omits.
    static let rfc4648Vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
        ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ]

    @Test("RFC 4648 §10 vectors encode and decode")
    func rfc4648() throws {
        for (plain, encoded) in Self.rfc4648Vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(try Base64URL.decode(encoded) == Array(plain.utf8), "decoding \(encoded)")
        }
    }

    @Test("the URL alphabet uses - and _ for 62 and 63")
    func urlAlphabet() throws {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode([0xf8, 0x3e, 0xff]) == "-D7_")
        #expect(try Base64URL.decode("-_8") == [0xfb, 0xff])
        #expect(try Base64URL.decode("-D7_") == [0xf8, 0x3e, 0xff])
    }

    @Test("round trip for every length and every byte value")
    func roundTrip() throws {
        var state: UInt32 = 12345
        for length in 0...300 {
            let bytes: [UInt8] = (0..<length).map { _ in
                state = state &* 1_103_515_245 &+ 12345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
            let encoded = Base64URL.encode(bytes)
            #expect(encoded.utf8.count == (length * 4 + 2) / 3, "encoded length for \(length) bytes")
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(try Base64URL.decode(encoded) == bytes, "round trip of \(length) bytes")
        }
        let everyByte = (0...255).map { UInt8($0) }
        #expect(try Base64URL.decode(Base64URL.encode(everyByte)) == everyByte)
    }

    @Test("every entry point decodes the same way")
    func entryPoints() throws {
        let token = "eyJhbGciOiJIUzI1NiJ9.Zm9vYmFy.x"
        let middle = token.split(separator: ".")[1]                 // Substring
        #expect(try Base64URL.decode(middle) == Array("foobar".utf8))
        let bytes = Array(token.utf8)
        #expect(try Base64URL.decode(bytes[21..<29]) == Array("foobar".utf8))   // ArraySlice
        let viaPointer = try bytes[21..<29].withUnsafeBytes { buffer in
            try Base64URL.decode(buffer)
        }
        #expect(viaPointer == Array("foobar".utf8))
        #expect(try Base64URL.decode(bytes[21..<29].lazy.map { $0 }) == Array("foobar".utf8))   // non-contiguous
        #expect(Base64URL.encode("foobar".utf8) == "Zm9vYmFy")
        #expect(Base64URL.encode(Array("foobar".utf8).lazy.map { $0 }) == "Zm9vYmFy")
    }

    /// Asserts that `text` is refused with `reason` (and `offset`, when given).
    static func expectRefusal(
        _ text: String, _ reason: Base64URLError.Reason, offset: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let decoded = try Base64URL.decode(text)
            Issue.record("\(text.debugDescription) decoded to \(decoded) instead of being refused", sourceLocation: sourceLocation)
        } catch {
            #expect(error.reason == reason, "\(text.debugDescription): \(error)", sourceLocation: sourceLocation)
            if let offset {
                #expect(error.offset == offset, "\(text.debugDescription): \(error)", sourceLocation: sourceLocation)
            }
            #expect(!error.description.isEmpty)
        }
    }

    @Test("padding is refused")
    func padding() {
        Self.expectRefusal("Zg==", .invalidCharacter, offset: 2)
        Self.expectRefusal("Zm8=", .invalidCharacter, offset: 3)
        Self.expectRefusal("Zm9vYg==", .invalidCharacter, offset: 6)
        Self.expectRefusal("Zg=", .invalidCharacter, offset: 2)
        Self.expectRefusal("====", .invalidCharacter, offset: 0)
    }

    @Test("the standard alphabet's + and / are refused")
    func standardAlphabet() {
        Self.expectRefusal("+_8", .invalidCharacter, offset: 0)
        Self.expectRefusal("-/8", .invalidCharacter, offset: 1)
        Self.expectRefusal("-D7/", .invalidCharacter, offset: 3)
    }

    @Test("whitespace, control and non-ASCII bytes are refused")
    func otherCharacters() {
        Self.expectRefusal("Zm9v Zg", .invalidCharacter, offset: 4)
        Self.expectRefusal("Zm9v\nYmF", .invalidCharacter, offset: 4)
        Self.expectRefusal("Zm9vYmFy\r\n", .invalidCharacter, offset: 8)
        Self.expectRefusal("\tZm9vYm", .invalidCharacter, offset: 0)
        Self.expectRefusal("Zm9v\u{0}", .invalidLength)                // length is checked before characters
        Self.expectRefusal("Zm\u{0}v", .invalidCharacter, offset: 2)
        Self.expectRefusal("Zm9vé", .invalidCharacter, offset: 4)     // é is two UTF-8 bytes
        Self.expectRefusal("Zm.v", .invalidCharacter, offset: 2)
        Self.expectRefusal("Zm9vYm?y", .invalidCharacter, offset: 6)
    }

    @Test("a length of 1 mod 4 is refused")
    func length() {
        Self.expectRefusal("Z", .invalidLength)
        Self.expectRefusal("Zm9vY", .invalidLength)
        Self.expectRefusal("Zm9vYmFyZ", .invalidLength)
    }

    @Test("non-zero unused bits in the last character are refused")
    func trailingBits() throws {
        // "Zg" is the canonical spelling of "f"; "Zh" … "Zv" carry the same byte plus set unused bits.
        #expect(try Base64URL.decode("Zg") == Array("f".utf8))
        Self.expectRefusal("Zh", .nonZeroTrailingBits, offset: 1)
        Self.expectRefusal("Zv", .nonZeroTrailingBits, offset: 1)
        // "Zm8" is "fo"; "Zm9" sets one of the two unused bits.
        #expect(try Base64URL.decode("Zm8") == Array("fo".utf8))
        Self.expectRefusal("Zm9", .nonZeroTrailingBits, offset: 2)
        Self.expectRefusal("Zm9vYh", .nonZeroTrailingBits, offset: 5)
        Self.expectRefusal("Zm9vYmF", .nonZeroTrailingBits, offset: 6)
    }

    @Test("an invalid character in the final group is reported as a character, not trailing bits")
    func invalidFinalGroup() {
        Self.expectRefusal("Zm9vZ=", .invalidCharacter, offset: 5)
        Self.expectRefusal("Zm9v+g", .invalidCharacter, offset: 4)
    }
}
