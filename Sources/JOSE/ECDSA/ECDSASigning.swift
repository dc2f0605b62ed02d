extension ECDSA {
    /// Deterministic ECDSA signing (SEC 1 v2 §4.1.3 with RFC 6979 nonces): returns raw `r‖s`,
    /// each half exactly the coordinate size.
    ///
    /// The secret-dependent steps avoid secret-dependent branches and table indices: `k·G` uses
    /// ``constantTimeGeneratorMultiple(_:)``, `k⁻¹` is a fixed exponentiation (Fermat), and the
    /// modular arithmetic is branch-free. This is care, not an audited side-channel guarantee:
    /// signing is for development (tests and the local identity emulator).
    static func sign<Curve: PrimeCurve>(
        digest messageDigest: [UInt8], privateKey: Scalar<Curve>, on curve: Curve.Type,
        digestAlgorithm: DigestAlgorithm
    ) -> [UInt8] {
        let e = Scalar<Curve>(digest: messageDigest)
        var nonces = DeterministicNonceGenerator<Curve>(
            privateKey: privateKey, messageDigest: messageDigest, digest: digestAlgorithm)
        while true {
            let k = nonces.next()
            // k ∈ [1, n − 1] and the group has prime order n, so k·G is finite.
            let multiple: ProjectivePoint<Curve> = constantTimeGeneratorMultiple(k.canonical)
            guard let point = multiple.affine else { continue }
            // x < p < 2n, so one conditional subtraction reduces it modulo n.
            let r = Scalar<Curve>(reducingOnce: point.x.canonical)
            if r.isZero { continue }
            let s = k.inverse() * (e + r * privateKey)
            if s.isZero { continue }
            return r.canonicalBytes + s.canonicalBytes
        }
    }
}
