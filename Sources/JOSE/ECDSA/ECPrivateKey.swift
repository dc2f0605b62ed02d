/// An ECDSA private key on P-256 or P-384 — a **development tool** for tests and the local
/// identity emulator, not for production key custody.
///
/// Signing is deterministic (RFC 6979), so it needs no randomness. The secret-dependent
/// arithmetic (`k·G`, `d·G`, inversions) avoids secret-dependent branches and memory indices, but
/// this code has had no side-channel audit, and the scalar lives in ordinary memory that is never
/// wiped.
///
/// Keys load from and save to private JWKs (`init(jwk:)`, `jwk(keyID:)`), PKCS #8 and SEC 1
/// DER or PEM (`init(pemRepresentation:)`, `pkcs8PEMRepresentation`, `sec1PEMRepresentation`).
///
/// ```swift
/// let key = ECPrivateKey.generate(curve: .p256)
/// let signature = key.signature(for: Array(signingInput.utf8), digest: .sha256)  // 64 bytes r‖s
/// key.publicKey.isValidSignature(signature, for: Array(signingInput.utf8), digest: .sha256)  // true
/// ```
public struct ECPrivateKey: Sendable {
    /// The public key `d·G`.
    public let publicKey: ECPublicKey
    /// The private scalar `d` as exactly ``ECCurve/coordinateByteCount`` big-endian bytes (JWK `d`).
    public let scalar: [UInt8]
    /// The decoded scalar.
    let privateScalar: CurveSpecificScalar

    /// The decoded scalar of the key's own curve.
    enum CurveSpecificScalar: Sendable {
        case p256(Scalar<P256>)
        case p384(Scalar<P384>)
    }

    /// The curve of the key.
    public var curve: ECCurve { publicKey.curve }

    /// Generates a new key with a scalar drawn uniformly from `[1, n − 1]` by rejection sampling
    /// from `SystemRandomNumberGenerator` (the operating system's CSPRNG). It cannot fail: every
    /// ``ECCurve`` is supported, so it does not throw.
    public static func generate(curve: ECCurve) -> ECPrivateKey {
        switch curve {
        case .p256: ECPrivateKey(randomScalarOn: P256.self)
        case .p384: ECPrivateKey(randomScalarOn: P384.self)
        }
    }

    /// Loads a private key from its scalar (the JWK `d` member after base64url decoding).
    ///
    /// - Throws: ``ECKeyError`` with `.invalidScalar` unless `scalar` has exactly
    ///   ``ECCurve/coordinateByteCount`` bytes and lies in `[1, n − 1]`.
    public init(curve: ECCurve, scalar: [UInt8]) throws(ECKeyError) {
        switch curve {
        case .p256:
            guard let d = Scalar<P256>(nonZeroCanonicalBytes: scalar) else { throw ECKeyError(.invalidScalar) }
            self.init(validated: d, on: P256.self)
        case .p384:
            guard let d = Scalar<P384>(nonZeroCanonicalBytes: scalar) else { throw ECKeyError(.invalidScalar) }
            self.init(validated: d, on: P384.self)
        }
    }

    /// Wraps a scalar known to be in `[1, n − 1]` and derives its public key.
    init<Curve: PrimeCurve>(validated d: Scalar<Curve>, on curve: Curve.Type) {
        scalar = d.canonicalBytes
        privateScalar = Curve.wrap(d)
        let point = ECDSA.constantTimeGeneratorMultiple(d.canonical) as ProjectivePoint<Curve>
        // d ∈ [1, n − 1] and the group has prime order n, so d·G is finite; the fallback is unreachable.
        publicKey = ECPublicKey(validated: point.affine ?? Curve.constants.generator)
    }

    /// Draws a uniform scalar in `[1, n − 1]`.
    private init<Curve: PrimeCurve>(randomScalarOn curve: Curve.Type) {
        var generator = SystemRandomNumberGenerator()
        while true {
            var limbs = Scalar<Curve>.Limbs()
            limbs.withMutableLimbs { pointer in
                for index in 0..<Scalar<Curve>.Limbs.count { pointer[index] = generator.next() }
            }
            if let d = Scalar<Curve>(nonZeroCanonicalBytes: limbs.bigEndianBytes) {
                self.init(validated: d, on: curve)
                return
            }
        }
    }

    /// Signs `message` (hashed with `digest`) with deterministic ECDSA (RFC 6979) and returns the
    /// JWS raw signature `r‖s`, each half exactly ``ECCurve/coordinateByteCount`` bytes.
    /// `ES256` is P-256 with `.sha256`, `ES384` is P-384 with `.sha384`.
    public func signature(for message: some Collection<UInt8>, digest: DigestAlgorithm) -> [UInt8] {
        let messageDigest = digest.hash(message)
        switch privateScalar {
        case .p256(let d): return ECDSA.sign(digest: messageDigest, privateKey: d, on: P256.self, digestAlgorithm: digest)
        case .p384(let d): return ECDSA.sign(digest: messageDigest, privateKey: d, on: P384.self, digestAlgorithm: digest)
        }
    }
}
