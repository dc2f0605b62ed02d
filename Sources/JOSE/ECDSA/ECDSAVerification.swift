extension ECPublicKey {
    /// Verifies a JWS ECDSA signature (RFC 7518 §3.4): the raw concatenation `r‖s`, each half
    /// exactly ``ECCurve/coordinateByteCount`` bytes, over `message` hashed with `digest`.
    ///
    /// Returns `false` — never throws — for a signature of any other length (including DER),
    /// for `r` or `s` equal to 0 or not below the group order `n`, and for a signature that does
    /// not match. JWS pairs `ES256` with P-256/SHA-256 and `ES384` with P-384/SHA-384; the caller
    /// enforces that pairing. Verification runs in variable time; it handles only public data.
    ///
    /// ```swift
    /// let signingInput = Array("\(headerB64).\(payloadB64)".utf8)
    /// guard key.isValidSignature(signature, for: signingInput, digest: .sha256) else { throw … }
    /// ```
    public func isValidSignature(
        _ rawSignature: some Collection<UInt8>, for message: some Collection<UInt8>, digest: DigestAlgorithm
    ) -> Bool {
        guard rawSignature.count == curve.signatureByteCount else { return false }
        let signature = Array(rawSignature)
        let messageDigest = digest.hash(message)
        return isValidSignature(signature, forDigest: messageDigest)
    }

    /// Verifies a raw `r‖s` signature over an already computed message digest, with the same
    /// refusals as ``isValidSignature(_:for:digest:)``. A digest longer than the group order is
    /// cut to its leftmost bytes and a shorter one is read as a smaller integer (SEC 1 v2 §4.1.4).
    ///
    /// ```swift
    /// let digest = DigestAlgorithm.sha256.hash(signingInput)
    /// let ok = key.isValidSignature(signature, forDigest: digest)
    /// ```
    public func isValidSignature(_ rawSignature: [UInt8], forDigest messageDigest: [UInt8]) -> Bool {
        guard rawSignature.count == curve.signatureByteCount else { return false }
        let half = curve.coordinateByteCount
        let r = rawSignature[..<half]
        let s = rawSignature[half...]
        switch point {
        case .p256(let publicPoint): return ECDSA.verify(r: r, s: s, digest: messageDigest, publicKey: publicPoint)
        case .p384(let publicPoint): return ECDSA.verify(r: r, s: s, digest: messageDigest, publicKey: publicPoint)
        }
    }
}

/// The ECDSA algorithms (SEC 1 v2 §4.1), generic over the curve.
enum ECDSA {
    /// ECDSA verification (SEC 1 v2 §4.1.4) of `(r, s)` over `digest` with the key `Q`:
    /// checks `r, s ∈ [1, n − 1]`, computes `R = u1·G + u2·Q` with `u1 = e·s⁻¹`, `u2 = r·s⁻¹`
    /// using interleaved wNAF (Shamir's trick), refuses `R = ∞`, and accepts iff `x(R) mod n = r`.
    static func verify<Curve: PrimeCurve>(
        r rBytes: ArraySlice<UInt8>, s sBytes: ArraySlice<UInt8>, digest: [UInt8],
        publicKey: ECDSAPublicPoint<Curve>
    ) -> Bool {
        guard let r = Scalar<Curve>(nonZeroCanonicalBytes: rBytes),
            let s = Scalar<Curve>(nonZeroCanonicalBytes: sBytes)
        else { return false }
        let e = Scalar<Curve>(digest: digest)
        // s⁻¹ as a canonical integer: the Montgomery product of a Montgomery-form residue with
        // it is the canonical product, ready for the scalar multiplication.
        let sInverse = s.publicCanonicalInverse()
        let u1 = Curve.OrderModulus.montgomeryProduct(e.montgomeryLimbs, sInverse)
        let u2 = Curve.OrderModulus.montgomeryProduct(r.montgomeryLimbs, sInverse)

        let sum = linearCombination(u1, generatorAnd: u2, publicKey: publicKey)
        guard !sum.isInfinity else { return false }

        // x(R) = X/Z²; compare without inverting Z: x(R) mod n = r ⟺ X = r'·Z² for
        // r' ∈ {r, r + n} with r' < p (x(R) < p < 2n, so these are the only candidates).
        let zSquared = sum.z.squared()
        let rLimbs = r.canonical
        if FieldElement<Curve>(reduced: rLimbs) * zSquared == sum.x { return true }
        var rPlusN = rLimbs
        let carry = rPlusN.add(Curve.OrderModulus.modulus)
        guard carry == 0, rPlusN.isLess(than: Curve.FieldModulus.modulus) else { return false }
        return FieldElement<Curve>(reduced: rPlusN) * zSquared == sum.x
    }
}
