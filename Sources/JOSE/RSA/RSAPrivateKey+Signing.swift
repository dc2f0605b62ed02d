extension RSAPrivateKey {
    /// Signs `message` with RSASSA-PKCS1-v1_5 (`RS256`…) or RSASSA-PSS (`PS256`…, random salt of
    /// the digest's length from `SystemRandomNumberGenerator`). The result has the modulus length.
    ///
    /// ```swift
    /// let signature = key.signature(for: Array("header.payload".utf8), padding: .pss, digest: .sha256)  // PS256
    /// ```
    public func signature(for message: some Collection<UInt8>, padding: RSASignaturePadding, digest: DigestAlgorithm) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return signature(for: message, padding: padding, digest: digest, using: &generator)
    }

    /// ``signature(for:padding:digest:)`` with an explicit random source for salt and blinding.
    func signature(
        for message: some Collection<UInt8>, padding: RSASignaturePadding, digest: DigestAlgorithm,
        using generator: inout some RandomNumberGenerator
    ) -> [UInt8] {
        let length = publicKey.signatureByteCount
        let messageDigest = digest.hash(message)
        let encoded: [UInt8]?
        switch padding {
        case .pkcs1v15:
            encoded = EMSAPKCS1v15.encode(messageDigest: messageDigest, digest: digest, length: length)
        case .pss:
            let salt = (0..<digest.digestByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            encoded = EMSAPSS.encode(messageDigest: messageDigest, salt: salt,
                                     encodedBitCount: publicKey.modulusBitCount - 1, digest: digest)
        }
        // Keys are at least 2048 bits, which fits every digest with either padding.
        guard let encoded else { preconditionFailure("modulus too small for \(digest) with \(padding)") }
        let representative = BigUInt(bigEndian: encoded)
        let signature = sign(representative: representative, using: &generator)
        let bytes = signature.bigEndianBytes(count: length)
        // Verify before release: a fault in the CRT path must never leak a wrong signature
        // (a wrong CRT half reveals a factor of n).
        let recovered = bytes.withUnsafeBytes { publicKey.recoverEncodedMessage($0) }
        precondition(recovered.map { BigUInt(bigEndian: $0) } == representative, "RSA signature self-check failed")
        return bytes
    }

    /// RSASP1 with CRT and blinding: returns `m^d mod n` for `m < n`.
    ///
    /// Blinding: pick r, sign `c = m·r^e` to get `c^d = m^d·r`, then multiply by r⁻¹. The
    /// exponentiations never see `m` itself.
    func sign(representative m: BigUInt, using generator: inout some RandomNumberGenerator) -> BigUInt {
        let n = publicKey.montgomery
        let count = n.limbCount
        let nValue = BigUInt(limbs: n.modulus)
        var r: BigUInt
        var rInverse: BigUInt
        repeat {
            r = BigUInt.random(below: nValue, using: &generator)
            rInverse = r.inverse(modulo: nValue) ?? BigUInt(limbs: [])
        } while rInverse.isZero
        var rToE = [UInt64](repeating: 0, count: count)
        r.limbs(paddedTo: count).withUnsafeBufferPointer { base in
            rToE.withUnsafeMutableBufferPointer { n.power(base.nonEmptyBase, publicExponent: publicKey.exponent, into: $0.nonEmptyBase) }
        }
        let blinded = BigUInt(limbs: n.multiply(m.limbs(paddedTo: count), rToE))

        let p = prime1Value
        let q = prime2Value
        let pContext = prime1Modulus
        let qContext = prime2Modulus
        let m1 = BigUInt(limbs: pContext.power(Self.reduce(blinded, p, pContext).limbs(paddedTo: pContext.limbCount),
                                               secretExponent: exponent1.limbs))
        let m2 = BigUInt(limbs: qContext.power(Self.reduce(blinded, q, qContext).limbs(paddedTo: qContext.limbCount),
                                               secretExponent: exponent2.limbs))
        // h = qInv·(m1 − m2) mod p; s = m2 + h·q.
        let m2ModP = Self.reduce(m2, p, pContext)
        let difference = m1 >= m2ModP ? m1 - m2ModP : m1 + p - m2ModP
        let h = Self.reduce(coefficient * difference, p, pContext)
        let blindedSignature = m2 + h * q
        return BigUInt(limbs: n.multiply(blindedSignature.limbs(paddedTo: count), rInverse.limbs(paddedTo: count)))
    }

    /// `value mod prime`: Montgomery reduction when `value < prime·R` (always true for the CRT
    /// inputs of a key with balanced primes), long division otherwise.
    private static func reduce(_ value: BigUInt, _ prime: BigUInt, _ context: MontgomeryContext) -> BigUInt {
        if value.bitCount < context.bitCount + 64 * context.limbCount {
            return BigUInt(limbs: context.reduce(value.limbs))
        }
        return value % prime
    }
}
