import Foundation
import Testing
@testable import JOSE

/// Bounded, fixed-seed fuzzing of everything an attacker or a misconfiguration can feed the RSA
/// code: DER key blobs, PEM text and signatures. Nothing may trap, and anything accepted must be
/// the one canonical encoding (DER and strict base64 allow exactly one spelling per key).
@Suite("Review: RSA fuzzing with fixed seeds")
struct RSAReviewFuzzTests {
    typealias Generator = RSAReviewSupport.SplitMix64

    /// A cheap key for the loaders (1024 bits keeps the per-key Montgomery set-up small).
    static let modulus = RSATestSupport.oddModulus(bitCount: 1024)
    static let pkcs1 = RSATestSupport.pkcs1(modulus: modulus, exponent: [1, 0, 1])
    static let spki = RSATestSupport.subjectPublicKeyInfo(pkcs1)

    /// One random structural mutation of `bytes`.
    static func mutate(_ bytes: [UInt8], using generator: inout Generator) -> [UInt8] {
        var result = bytes
        let interesting: [UInt8] = [0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x30, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF]
        let rounds = Int.random(in: 1...3, using: &generator)
        for _ in 0..<rounds {
            let position = result.isEmpty ? 0 : Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<8, using: &generator) {
            case 0 where !result.isEmpty: result[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            case 1 where !result.isEmpty: result[position] = interesting.randomElement(using: &generator) ?? 0
            case 2: result.insert(interesting.randomElement(using: &generator) ?? 0, at: position)
            case 3 where !result.isEmpty: result.remove(at: position)
            case 4: result = Array(result.prefix(position))
            case 5: result += (0..<Int.random(in: 1...4, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 6 where !result.isEmpty:
                let end = min(result.count, position + Int.random(in: 1...8, using: &generator))
                result.insert(contentsOf: result[position..<end], at: position)
            default: if !result.isEmpty { result[position] = UInt8.random(in: 0...255, using: &generator) }
            }
        }
        return result
    }

    /// The canonical DER of `key` in the shape (SPKI or PKCS#1) that `input` claims to be.
    static func canonical(_ key: RSAPublicKey, like input: [UInt8]) -> [UInt8] {
        let pkcs1 = RSATestSupport.pkcs1(modulus: key.modulus, exponent: key.publicExponent)
        let isSPKI = input.count > 2 && (input[2] == 0x30 || input[3] == 0x30 || input[4] == 0x30)
        return isSPKI ? RSATestSupport.subjectPublicKeyInfo(pkcs1) : pkcs1
    }

    @Test("3000 garbled DER keys: no trap, and whatever loads is canonical DER")
    func garbledDER() {
        var generator = Generator(seed: 0xDE5)
        var accepted = 0
        var refused = 0
        for iteration in 0..<3000 {
            let input: [UInt8]
            switch iteration % 10 {
            case 0: input = (0..<Int.random(in: 0...48, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1...4: input = Self.mutate(Self.pkcs1, using: &generator)
            default: input = Self.mutate(Self.spki, using: &generator)
            }
            do {
                let key = try RSAPublicKey(derRepresentation: input, minimumModulusBitCount: 1024)
                accepted += 1
                let expected = Self.canonical(key, like: input)
                #expect(input == expected, "iteration \(iteration): non-canonical DER accepted: \(input.prefix(24))…")
            } catch {
                refused += 1
            }
        }
        print("review fuzz DER: 3000 inputs, \(accepted) loaded (all canonical), \(refused) refused")
        #expect(accepted + refused == 3000)
        #expect(accepted > 0 && refused > 1000)  // the mutator reaches both outcomes
    }

    /// Builds a key encoding element by element, each with a small chance of one BER-only or
    /// otherwise non-DER deviation, and records whether any was taken.
    struct DeviatingEncoder {
        var generator: Generator
        var deviated = false

        /// True with probability 1/`odds`, and marks the encoding as deviating.
        mutating func deviate(_ odds: Int = 12) -> Bool {
            guard Int.random(in: 0..<odds, using: &generator) == 0 else { return false }
            deviated = true
            return true
        }

        mutating func element(_ tag: UInt8, _ content: [UInt8], constructed: Bool = false) -> [UInt8] {
            let count = content.count
            var minimal: [UInt8] = count < 0x80 ? [UInt8(count)]
                : count < 0x100 ? [0x81, UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
            if deviate() {
                switch Int.random(in: 0..<3, using: &generator) {
                case 0 where constructed: return [tag, 0x80] + content + [0x00, 0x00]   // indefinite length
                case 1 where count < 0x80: minimal = [0x81, UInt8(count)]              // long form for a short length
                // A leading zero length octet: 82 00 LL for a short length, 8(n+1) 00 … for a long one.
                default: minimal = minimal.count == 1 ? [0x82, 0x00, minimal[0]] : [minimal[0] + 1, 0x00] + minimal.dropFirst()
                }
            }
            return [tag] + minimal + content
        }

        mutating func integer(_ magnitude: [UInt8]) -> [UInt8] {
            var content = Array(magnitude.drop(while: { $0 == 0 }))
            if content.first.map({ $0 & 0x80 != 0 }) ?? true { content.insert(0, at: 0) }
            if deviate() {
                if content[0] == 0 && content.count > 1 && Bool.random(using: &generator) { content.removeFirst() }  // negative
                else { content.insert(0, at: 0) }                                                                  // redundant zero
            }
            return element(0x02, content)
        }

        mutating func key(modulus: [UInt8], spki: Bool) -> [UInt8] {
            let rsaKey = element(0x30, integer(modulus) + integer([1, 0, 1]), constructed: true)
            guard spki else { return rsaKey }
            let parameters: [UInt8] = deviate() ? [[], [0x05, 0x01, 0x00], [0x30, 0x00]][Int.random(in: 0..<3, using: &generator)] : element(0x05, [])
            let oid = deviate() ? [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A] : RSAPublicKey.rsaEncryptionObjectIdentifier
            let algorithm = element(0x30, element(0x06, oid) + parameters, constructed: true)
            let unusedBits: UInt8 = deviate() ? 1 : 0
            return element(0x30, algorithm + element(0x03, [unusedBits] + rsaKey), constructed: true)
        }
    }

    @Test("2000 generated keys with random BER deviations: loaded exactly when no deviation was taken")
    func berDeviations() {
        var encoder = DeviatingEncoder(generator: Generator(seed: 0xBE5))
        var loaded = 0
        for iteration in 0..<2000 {
            encoder.deviated = false
            let bytes = encoder.key(modulus: Self.modulus, spki: iteration % 2 == 0)
            let accepted = (try? RSAPublicKey(derRepresentation: bytes, minimumModulusBitCount: 1024)) != nil
            #expect(accepted == !encoder.deviated, "iteration \(iteration): deviated \(encoder.deviated), accepted \(accepted)")
            if accepted { loaded += 1 }
        }
        print("review fuzz BER deviations: 2000 encodings, \(loaded) without deviation loaded, \(2000 - loaded) with one refused")
        #expect(loaded > 200 && loaded < 1800)
    }

    /// The non-empty lines between the armour lines, joined (what the base64 decoder sees).
    static func body(of text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.dropFirst().dropLast().joined()
    }

    @Test("2000 garbled PEM texts: no trap, and whatever parses is the canonical base64 of its DER")
    func garbledPEM() {
        var generator = Generator(seed: 0x9E3)
        let pem = RSATestSupport.pem("PUBLIC KEY", Self.spki)
        let alphabet = Array("AQB+/=-_ \t\r\n:.é\u{2028}\u{85}-----BEGIN END PUBLIC KEY".unicodeScalars)
        var parsed = 0
        for iteration in 0..<2000 {
            var scalars = Array(pem.unicodeScalars)
            if iteration % 20 == 0 {
                scalars = (0..<Int.random(in: 0...80, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "A" }
            } else if iteration % 4 == 1 {
                // The end of the body, where padding lives: replace its last 1–6 characters with 0–8 from "AQE=".
                let end = pem.unicodeScalars.count - "\n-----END PUBLIC KEY-----\n".unicodeScalars.count
                let cut = Int.random(in: 1...6, using: &generator)
                let tail = (0..<Int.random(in: 0...8, using: &generator)).map { _ in Array("AQE=".unicodeScalars).randomElement(using: &generator) ?? "=" }
                scalars.replaceSubrange((end - cut)..<end, with: tail)
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let position = Int.random(in: 0..<max(scalars.count, 1), using: &generator)
                    let scalar = alphabet.randomElement(using: &generator) ?? "A"
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0 where position < scalars.count: scalars[position] = scalar
                    case 1 where position < scalars.count: scalars.remove(at: position)
                    case 2: scalars.insert(scalar, at: min(position, scalars.count))
                    default: scalars.insert(contentsOf: Array(scalars[position..<min(position + 6, scalars.count)]), at: position)
                    }
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            guard let document = try? PEMDocument(parsing: text) else { continue }
            parsed += 1
            #expect(Self.body(of: text) == Data(document.derBytes).base64EncodedString(),
                    "iteration \(iteration): non-canonical base64 accepted")
            if let key = try? RSAPublicKey(pemRepresentation: text, minimumModulusBitCount: 1024) {
                #expect(document.derBytes == Self.canonical(key, like: document.derBytes), "iteration \(iteration)")
            }
        }
        print("review fuzz PEM: 2000 texts, \(parsed) parsed (all canonical)")
        #expect(parsed > 0)
    }

    @Test("3000 garbled signatures on a 2048-bit key: only the genuine one verifies")
    func garbledSignatures() throws {
        let file = try RSATestSupport.wycheproof("rsa_signature_2048_sha256_test.json")
        let group = try #require((file["testGroups"] as? [[String: Any]])?.first)
        let key = try RSAPublicKey(derRepresentation: RSATestSupport.hexField(group, "publicKeyDer"))
        let valid = try #require(try RSATestSupport.field(group, "tests", as: [[String: Any]].self).first {
            ($0["result"] as? String) == "valid" && ($0["msg"] as? String)?.isEmpty == false
        })
        let message = try RSATestSupport.hexField(valid, "msg")
        let genuine = try RSATestSupport.hexField(valid, "sig")
        #expect(key.isValidSignature(genuine, for: message, padding: .pkcs1v15, digest: .sha256))
        var generator = Generator(seed: 0x516)
        var refused = 0
        for iteration in 0..<3000 {
            let candidate: [UInt8] = iteration % 4 == 0
                ? (0..<Int.random(in: 250...260, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                : Self.mutate(genuine, using: &generator)
            let padding: RSASignaturePadding = iteration % 3 == 0 ? .pss : .pkcs1v15
            let digest: DigestAlgorithm = [.sha256, .sha384, .sha512][iteration % 3 == 1 ? 0 : Int.random(in: 0..<3, using: &generator)]
            let verified = key.isValidSignature(candidate, for: message, padding: padding, digest: digest)
            let isGenuine = candidate == genuine && padding == .pkcs1v15 && digest == .sha256
            #expect(verified == isGenuine, "iteration \(iteration)")
            if !verified { refused += 1 }
        }
        print("review fuzz signatures: 3000 candidates, \(refused) refused")
        #expect(refused >= 2990)
    }
}
