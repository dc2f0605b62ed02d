/// EMSA-PSS encoding and verification (RFC 8017 §9.1) pinned to the JWS profile
/// (RFC 7518 §3.5): MGF1 over the message digest's own hash and a salt exactly as long as the
/// digest. There is no salt-length auto-detection.
enum EMSAPSS {
    /// MGF1 (RFC 8017 B.2.1): `Hash(seed ‖ 0x00000000) ‖ Hash(seed ‖ 0x00000001) ‖ …` cut to `length`.
    static func maskGenerationFunction1(seed: some Collection<UInt8>, length: Int, digest: DigestAlgorithm) -> [UInt8] {
        var mask: [UInt8] = []
        mask.reserveCapacity(length + digest.digestByteCount)
        var block = Array(seed) + [0, 0, 0, 0]
        let counterOffset = block.count - 4
        var counter: UInt32 = 0
        while mask.count < length {
            block[counterOffset] = UInt8(truncatingIfNeeded: counter >> 24)
            block[counterOffset + 1] = UInt8(truncatingIfNeeded: counter >> 16)
            block[counterOffset + 2] = UInt8(truncatingIfNeeded: counter >> 8)
            block[counterOffset + 3] = UInt8(truncatingIfNeeded: counter)
            mask += digest.hash(block)
            counter += 1
        }
        return Array(mask.prefix(length))
    }

    /// `H = Hash(00×8 ‖ mHash ‖ salt)`, the value both sides compute (RFC 8017 §9.1.1 step 5–6).
    private static func saltedHash(messageDigest: some Collection<UInt8>, salt: some Collection<UInt8>, digest: DigestAlgorithm) -> [UInt8] {
        var prefixed = [UInt8](repeating: 0, count: 8)
        prefixed += messageDigest
        prefixed += salt
        return digest.hash(prefixed)
    }

    /// EMSA-PSS-ENCODE with `sLen = hLen` and the given salt: returns `EM` of ⌈emBits/8⌉ bytes,
    /// or `nil` when `emBits` is too small for the digest and salt.
    static func encode(messageDigest: [UInt8], salt: [UInt8], encodedBitCount emBits: Int, digest: DigestAlgorithm) -> [UInt8]? {
        let hashLength = digest.digestByteCount
        let emLen = (emBits + 7) / 8
        guard messageDigest.count == hashLength, salt.count == hashLength, emLen >= hashLength + salt.count + 2 else { return nil }
        let h = saltedHash(messageDigest: messageDigest, salt: salt, digest: digest)
        let dbLength = emLen - hashLength - 1
        var db = [UInt8](repeating: 0, count: dbLength)
        db[dbLength - salt.count - 1] = 0x01
        db.replaceSubrange((dbLength - salt.count)..<dbLength, with: salt)
        let mask = maskGenerationFunction1(seed: h, length: dbLength, digest: digest)
        for index in 0..<dbLength { db[index] ^= mask[index] }
        db[0] &= 0xFF >> UInt8(8 * emLen - emBits)
        return db + h + [0xBC]
    }

    /// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with `sLen = hLen`, over `em` of ⌈emBits/8⌉ bytes.
    static func verify(messageDigest: [UInt8], encoded em: ArraySlice<UInt8>, encodedBitCount emBits: Int, digest: DigestAlgorithm) -> Bool {
        let hashLength = digest.digestByteCount
        let saltLength = hashLength
        let emLen = (emBits + 7) / 8
        // Steps 2–4: lengths and the trailer byte.
        guard em.count == emLen, messageDigest.count == hashLength, emLen >= hashLength + saltLength + 2,
              em.last == 0xBC else { return false }
        let start = em.startIndex
        let dbLength = emLen - hashLength - 1
        let maskedDB = em[start..<(start + dbLength)]
        let h = em[(start + dbLength)..<(start + dbLength + hashLength)]
        // Step 6: the bits above emBits must be zero.
        let unusedBits = 8 * emLen - emBits
        let topMask: UInt8 = 0xFF >> UInt8(unusedBits)
        guard maskedDB[start] & ~topMask == 0 else { return false }
        // Steps 7–9: unmask.
        var db = maskGenerationFunction1(seed: h, length: dbLength, digest: digest)
        for index in 0..<dbLength { db[index] ^= maskedDB[start + index] }
        db[0] &= topMask
        // Step 10: zero padding, then the 0x01 separator.
        let separator = dbLength - saltLength - 1
        guard db[0..<separator].allSatisfy({ $0 == 0 }), db[separator] == 0x01 else { return false }
        // Steps 11–14: recompute H from the recovered salt.
        let salt = db[(separator + 1)...]
        return saltedHash(messageDigest: messageDigest, salt: salt, digest: digest).elementsEqual(h)
    }
}
