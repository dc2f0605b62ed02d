import Testing
@testable import JOSE

/// attacks.md A3 items 15–17 on moduli of 2047 and 2049 bits: correctly *signed* blocks whose
/// *encoding* is wrong in exactly one way, each of which a lax verifier would accept.
///
/// 2047 bits: k = 256, emBits = 2046, two unused top bits in the PSS block.
/// 2049 bits: k = 257, emBits = 2048, so the PSS block is 256 octets behind a leading zero octet.
@Suite("Review: mis-encoded but correctly signed RSA blocks")
struct RSAReviewSignatureEncodingTests {
    static let message = Array("review-2".utf8)

    // MARK: PSS (attacks.md A3 item 17)

    /// The parts of an EMSA-PSS block a test may spoil (everything else is RFC 8017 §9.1.1).
    struct PSSBlock {
        var saltLength: Int
        var mgfDigest: DigestAlgorithm = .sha256
        var separator: UInt8 = 0x01
        var paddingByte: UInt8 = 0x00   // written at DB[1], inside the zero padding
        var trailer: UInt8 = 0xBC
        var topBits: UInt8 = 0x00        // OR-ed into maskedDB[0] above emBits
        var leadingOctet: UInt8 = 0x00   // the octet before EM when emLen < k
        var flipHashBit = false
    }

    /// `leadingOctets ‖ maskedDB ‖ H ‖ trailer` of `k` octets for SHA-256, salt from `seed`.
    static func pssBlock(_ spec: PSSBlock, modulusBitCount: Int, seed: UInt8) -> [UInt8] {
        let digest = DigestAlgorithm.sha256
        let emBits = modulusBitCount - 1
        let emLen = (emBits + 7) / 8
        let k = (modulusBitCount + 7) / 8
        let hLen = digest.digestByteCount
        let salt = (0..<spec.saltLength).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &* 7) }
        var h = digest.hash([UInt8](repeating: 0, count: 8) + digest.hash(message) + salt)
        if spec.flipHashBit { h[5] ^= 0x10 }
        let dbLen = emLen - hLen - 1
        var db = [UInt8](repeating: 0, count: dbLen)
        db[dbLen - spec.saltLength - 1] = spec.separator
        db[1] = spec.paddingByte
        db.replaceSubrange((dbLen - spec.saltLength)..<dbLen, with: salt)
        let mask = EMSAPSS.maskGenerationFunction1(seed: h, length: dbLen, digest: spec.mgfDigest)
        for index in 0..<dbLen { db[index] ^= mask[index] }
        let unusedBits = 8 * emLen - emBits
        db[0] &= 0xFF >> UInt8(unusedBits)
        db[0] |= spec.topBits
        let leading = [UInt8](repeating: 0, count: k - emLen)
        return (leading.isEmpty ? [] : [spec.leadingOctet] + leading.dropFirst()) + db + h + [spec.trailer]
    }

    /// Signs the first block (over salt seeds 0, 1, …) that is below n, and checks it with PS256.
    static func verifiesAsPS256(_ spec: PSSBlock, bitCount: Int) throws -> Bool {
        let key = try RSAReviewSupport.oddSizePublicKey(bitCount: bitCount)
        let n = BigUInt(bigEndian: key.modulus)
        for seed in UInt8(0)..<200 {
            let block = pssBlock(spec, modulusBitCount: bitCount, seed: seed)
            guard BigUInt(bigEndian: block) < n else { continue }
            let signature = try RSAReviewSupport.rawSignature(of: block, bitCount: bitCount)
            return key.isValidSignature(signature, for: message, padding: .pss, digest: .sha256)
        }
        Issue.record("no salt seed gave a block below n")
        return true
    }

    @Test("Baseline: a hand-built PS256 block verifies (so each spoiled variant below tests one thing)", arguments: [2047, 2049])
    func pssBaseline(bitCount: Int) throws {
        #expect(try Self.verifiesAsPS256(PSSBlock(saltLength: 32), bitCount: bitCount))
    }

    @Test("A3.17 PSS parameter drift: salt length ≠ hLen, MGF1 over another hash", arguments: [2047, 2049])
    func pssParameterDrift(bitCount: Int) throws {
        for saltLength in [0, 20, 31, 33, 48, 64] {
            #expect(try !Self.verifiesAsPS256(PSSBlock(saltLength: saltLength), bitCount: bitCount), "sLen \(saltLength)")
        }
        for mgf in [DigestAlgorithm.sha384, .sha512] {
            #expect(try !Self.verifiesAsPS256(PSSBlock(saltLength: 32, mgfDigest: mgf), bitCount: bitCount), "MGF1-\(mgf)")
        }
    }

    @Test("A3.17 PSS structure: trailer, separator, zero padding, H", arguments: [2047, 2049])
    func pssStructure(bitCount: Int) throws {
        let spoiled: [(String, PSSBlock)] = [
            ("trailer 0xBD", PSSBlock(saltLength: 32, trailer: 0xBD)),
            ("trailer 0xCC", PSSBlock(saltLength: 32, trailer: 0xCC)),
            ("trailer 0x00", PSSBlock(saltLength: 32, trailer: 0x00)),
            ("separator 0x00", PSSBlock(saltLength: 32, separator: 0x00)),
            ("separator 0x02", PSSBlock(saltLength: 32, separator: 0x02)),
            ("separator 0x81", PSSBlock(saltLength: 32, separator: 0x81)),
            ("non-zero padding octet 0x01", PSSBlock(saltLength: 32, paddingByte: 0x01)),
            ("non-zero padding octet 0x80", PSSBlock(saltLength: 32, paddingByte: 0x80)),
            ("H changed", PSSBlock(saltLength: 32, flipHashBit: true)),
        ]
        for (name, spec) in spoiled {
            #expect(try !Self.verifiesAsPS256(spec, bitCount: bitCount), "\(bitCount) bits: \(name)")
        }
    }

    @Test("A3.17 PSS emBits: set bits above emBits are refused (2047 bits: the two top bits of maskedDB)")
    func pssBitsAboveEmBits() throws {
        // 2047-bit modulus: emBits = 2046, emLen = 256 = k; bits 2046 and 2047 must be zero.
        // (Bit 2047 cannot be tested this way: n = 0x71…, so such a block is ≥ n and has no signature.)
        #expect(try !Self.verifiesAsPS256(PSSBlock(saltLength: 32, topBits: 0x40), bitCount: 2047))
    }

    @Test("A3.17 PSS emLen = k − 1 (2049 bits): a non-zero octet before EM is refused")
    func pssLeadingOctet() throws {
        // n = 0x01 0x41 …, so a block 0x01 ‖ EM is below n whenever EM starts below 0x41; the
        // last 256 octets are then a perfect EM and only the leading-octet check stands in the way.
        #expect(try !Self.verifiesAsPS256(PSSBlock(saltLength: 32, leadingOctet: 0x01), bitCount: 2049))
    }

    // MARK: PKCS#1 v1.5 (attacks.md A3 item 15)

    static let sha256Identifier: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]

    /// `00 ‖ blockType ‖ FF… ‖ middle ‖ tail`, padded with FF to k octets.
    static func pkcs1Block(k: Int, blockType: UInt8 = 0x01, middle: [UInt8], tail: [UInt8] = []) -> [UInt8] {
        let padding = k - 2 - middle.count - tail.count
        return [0x00, blockType] + [UInt8](repeating: 0xFF, count: max(padding, 0)) + middle + tail
    }

    @Test("A3.15 PKCS#1 v1.5: only the one DER DigestInfo after ≥ 8 FF and a zero octet verifies", arguments: [2047, 2049])
    func pkcs1Variants(bitCount: Int) throws {
        let key = try RSAReviewSupport.oddSizePublicKey(bitCount: bitCount)
        let n = BigUInt(bigEndian: key.modulus)
        let k = key.signatureByteCount
        let hash = DigestAlgorithm.sha256.hash(Self.message)
        let digestInfo = EMSAPKCS1v15.digestInfoPrefix(.sha256) + hash
        let algorithm = Self.sha256Identifier + [0x05, 0x00]
        let missingNull = [0x30, 0x2F, 0x30, 0x0B] + Self.sha256Identifier + [0x04, 0x20] + hash
        let berOuterLength = [0x30, 0x81, 0x31, 0x30, 0x0D] + algorithm + [0x04, 0x20] + hash
        let berDigestLength = [0x30, 0x32, 0x30, 0x0D] + algorithm + [0x04, 0x81, 0x20] + hash
        let sha384Identifier: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02]
        let wrongAlgorithm = [0x30, 0x31, 0x30, 0x0D] + sha384Identifier + [0x05, 0x00, 0x04, 0x20] + hash
        let otherMessage = EMSAPKCS1v15.digestInfoPrefix(.sha256) + DigestAlgorithm.sha256.hash(Array("other".utf8))

        let baseline = Self.pkcs1Block(k: k, middle: [0x00] + digestInfo)
        #expect(baseline == EMSAPKCS1v15.encode(messageDigest: hash, digest: .sha256, length: k))
        let variants: [(String, [UInt8])] = [
            ("missing NULL (Wycheproof 'acceptable', our policy: reject)", Self.pkcs1Block(k: k, middle: [0x00] + missingNull)),
            ("BER long-form SEQUENCE length", Self.pkcs1Block(k: k, middle: [0x00] + berOuterLength)),
            ("BER long-form OCTET STRING length", Self.pkcs1Block(k: k, middle: [0x00] + berDigestLength)),
            ("garbage after the digest", Self.pkcs1Block(k: k, middle: [0x00] + digestInfo, tail: [0xDE, 0xAD, 0xBE, 0xEF])),
            ("garbage between separator and DigestInfo", Self.pkcs1Block(k: k, middle: [0x00, 0x42, 0x42] + digestInfo)),
            ("block type 02", Self.pkcs1Block(k: k, blockType: 0x02, middle: [0x00] + digestInfo)),
            ("block type 00", Self.pkcs1Block(k: k, blockType: 0x00, middle: [0x00] + digestInfo)),
            ("no zero separator", Self.pkcs1Block(k: k, middle: digestInfo)),
            ("FE inside the padding", { var b = baseline; b[5] = 0xFE; return b }()),
            ("zero inside the padding", { var b = baseline; b[5] = 0x00; return b }()),
            ("SHA-384 OID around a SHA-256 digest", Self.pkcs1Block(k: k, middle: [0x00] + wrongAlgorithm)),
            ("digest of another message", Self.pkcs1Block(k: k, middle: [0x00] + otherMessage)),
            ("no leading zero octet (01 FF … at the top)", Array(baseline.dropFirst()) + [0x00]),
        ]
        var signed = 0
        let baselineSignature = try RSAReviewSupport.rawSignature(of: baseline, bitCount: bitCount)
        #expect(key.isValidSignature(baselineSignature, for: Self.message, padding: .pkcs1v15, digest: .sha256))
        #expect(!key.isValidSignature(baselineSignature, for: Self.message, padding: .pkcs1v15, digest: .sha384))
        #expect(!key.isValidSignature(baselineSignature, for: Self.message, padding: .pss, digest: .sha256))
        for (name, block) in variants {
            #expect(block.count == k, "\(name): test block has the wrong length")
            guard BigUInt(bigEndian: block) < n else { continue }  // cannot be an RSA signature
            let signature = try RSAReviewSupport.rawSignature(of: block, bitCount: bitCount)
            #expect(!key.isValidSignature(signature, for: Self.message, padding: .pkcs1v15, digest: .sha256), "\(bitCount) bits: \(name)")
            signed += 1
        }
        #expect(signed >= variants.count - 1)
    }

    // MARK: Development signing on an odd-sized key

    @Test("An imported 2049-bit private key signs RS256 and PS256 that verify (and OpenSSL-shaped blocks)")
    func oddSizeSigning() throws {
        let key = try RSAReviewSupport.oddSizeKey(bitCount: 2049)
        for padding in [RSASignaturePadding.pkcs1v15, .pss] {
            for digest in [DigestAlgorithm.sha256, .sha512] {
                let signature = key.signature(for: Self.message, padding: padding, digest: digest)
                #expect(signature.count == 257)
                #expect(key.publicKey.isValidSignature(signature, for: Self.message, padding: padding, digest: digest))
                #expect(!key.publicKey.isValidSignature(signature, for: Self.message + [0], padding: padding, digest: digest))
            }
        }
        // PKCS#1 v1.5 is deterministic: the CRT + blinding path gives the plain m^d mod n.
        let encoded = try #require(EMSAPKCS1v15.encode(messageDigest: DigestAlgorithm.sha256.hash(Self.message), digest: .sha256, length: 257))
        #expect(key.signature(for: Self.message, padding: .pkcs1v15, digest: .sha256)
                == (try RSAReviewSupport.rawSignature(of: encoded, bitCount: 2049)))
    }
}
