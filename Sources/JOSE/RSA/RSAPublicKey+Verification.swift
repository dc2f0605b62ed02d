extension RSAPublicKey {
    /// Whether `signature` is a valid RSASSA signature of `message` under this key.
    ///
    /// The signature must be exactly ``signatureByteCount`` bytes and, as a number, below the
    /// modulus (RFC 8017 §8.2.2 step 1 and §5.2.2); both are checked before any arithmetic.
    /// PKCS#1 v1.5 builds the expected encoded message and compares it whole; PSS runs every
    /// check of EMSA-PSS-VERIFY with MGF1 on `digest` and a salt of the digest's length.
    ///
    /// ```swift
    /// let ok = key.isValidSignature(signatureBytes, for: Array(signingInput.utf8), padding: .pkcs1v15, digest: .sha256)
    /// ```
    public func isValidSignature(
        _ signature: some Collection<UInt8>, for message: some Collection<UInt8>,
        padding: RSASignaturePadding, digest: DigestAlgorithm
    ) -> Bool {
        guard signature.count == signatureByteCount else { return false }
        let messageDigest = message.withContiguousStorageIfAvailable { digest.hash(UnsafeRawBufferPointer($0)) }
            ?? digest.hash(message)
        return isValidSignature(signature, forMessageDigest: messageDigest, padding: padding, digest: digest)
    }

    /// Like ``isValidSignature(_:for:padding:digest:)`` for a message already hashed with `digest`
    /// (for callers that hash the signing input in place).
    public func isValidSignature(
        _ signature: some Collection<UInt8>, forMessageDigest messageDigest: [UInt8],
        padding: RSASignaturePadding, digest: DigestAlgorithm
    ) -> Bool {
        guard signature.count == signatureByteCount, messageDigest.count == digest.digestByteCount else { return false }
        switch padding {
        case .pkcs1v15:
            guard let expected = EMSAPKCS1v15.encode(messageDigest: messageDigest, digest: digest, length: signatureByteCount) else {
                return false
            }
            return signature.withContiguousStorageIfAvailable { matchesEncodedMessage(UnsafeRawBufferPointer($0), expected) }
                ?? Array(signature).withUnsafeBytes { matchesEncodedMessage($0, expected) }
        case .pss:
            let recovered = signature.withContiguousStorageIfAvailable { recoverEncodedMessage(UnsafeRawBufferPointer($0)) }
                ?? Array(signature).withUnsafeBytes { recoverEncodedMessage($0) }
            guard let encoded = recovered else { return false }
            // emBits = modBits − 1; when that is a multiple of 8 the encoded message is one byte
            // shorter than the modulus and the leading byte of the recovered block must be zero.
            let encodedBitCount = modulusBitCount - 1
            let encodedLength = (encodedBitCount + 7) / 8
            let leading = encoded.count - encodedLength
            guard encoded[0..<leading].allSatisfy({ $0 == 0 }) else { return false }
            return EMSAPSS.verify(messageDigest: messageDigest, encoded: encoded[leading...],
                                  encodedBitCount: encodedBitCount, digest: digest)
        }
    }

    /// RSAVP1: `s^e mod n` as ``signatureByteCount`` bytes, or `nil` when `s ≥ n`.
    /// The signature bytes must already have the modulus length.
    func recoverEncodedMessage(_ signature: UnsafeRawBufferPointer) -> [UInt8]? {
        let count = montgomery.limbCount
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { buffer -> [UInt8]? in
            let s = buffer.nonEmptyBase
            let m = s + count
            Limbs.load(bigEndian: signature, into: s, count: count)
            let isReduced = montgomery.modulus.withUnsafeBufferPointer { Limbs.compare(s, $0.nonEmptyBase, count: count) < 0 }
            guard isReduced else { return nil }
            montgomery.power(s, publicExponent: exponent, into: m)
            return Limbs.bigEndianBytes(m, count: count, byteCount: signatureByteCount)
        }
    }

    /// RSAVP1 followed by the comparison of `s^e mod n` with `expected` (exactly
    /// ``signatureByteCount`` bytes), all on stack limbs: the recovered value is never turned
    /// into bytes, `expected` is loaded as limbs eight bytes at a time, and the limbs are
    /// compared whole without an early exit. Two numbers below 256^signatureByteCount are equal
    /// exactly when their big-endian encodings of that length are. `false` when `s ≥ n`.
    func matchesEncodedMessage(_ signature: UnsafeRawBufferPointer, _ expected: [UInt8]) -> Bool {
        let count = montgomery.limbCount
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 * count) { buffer -> Bool in
            let s = buffer.nonEmptyBase
            let m = s + count
            let e = m + count
            Limbs.load(bigEndian: signature, into: s, count: count)
            let isReduced = montgomery.modulus.withUnsafeBufferPointer { Limbs.compare(s, $0.nonEmptyBase, count: count) < 0 }
            guard isReduced else { return false }
            montgomery.power(s, publicExponent: exponent, into: m)
            expected.withUnsafeBytes { Limbs.load(bigEndian: $0, into: e, count: count) }
            var difference: UInt64 = 0
            for index in 0..<count { difference |= m[index] ^ e[index] }
            return difference == 0
        }
    }
}
