/// The deterministic ECDSA nonce generator of RFC 6979 §3.2: HMAC-DRBG keyed by the private key
/// and the message digest, so signing needs no randomness and one (key, message) pair always
/// gives the same signature.
struct DeterministicNonceGenerator<Curve: PrimeCurve> {
    /// The HMAC (and message) digest.
    private let digest: DigestAlgorithm
    /// The DRBG key `K`.
    private var key: [UInt8]
    /// The DRBG value `V`.
    private var value: [UInt8]
    /// Whether a candidate was already handed out (the next call must update `K` and `V` first,
    /// RFC 6979 §3.2 step h.3).
    private var handedOutCandidate = false

    /// Seeds the generator (RFC 6979 §3.2 steps b–g) from the private scalar `x` and the message
    /// digest `h1` computed with `digest`.
    init(privateKey: Scalar<Curve>, messageDigest: [UInt8], digest: DigestAlgorithm) {
        self.digest = digest
        let privateKeyOctets = privateKey.canonicalBytes  // int2octets(x)
        let digestOctets = Scalar<Curve>(digest: messageDigest).canonicalBytes  // bits2octets(h1)
        value = [UInt8](repeating: 0x01, count: digest.digestByteCount)
        key = [UInt8](repeating: 0x00, count: digest.digestByteCount)
        key = digest.authenticationCode(for: value + [0x00] + privateKeyOctets + digestOctets, key: key)
        value = digest.authenticationCode(for: value, key: key)
        key = digest.authenticationCode(for: value + [0x01] + privateKeyOctets + digestOctets, key: key)
        value = digest.authenticationCode(for: value, key: key)
    }

    /// The next nonce candidate `k ∈ [1, n − 1]` (RFC 6979 §3.2 step h). Call again when the
    /// signature computed with it is unusable (`r = 0` or `s = 0`).
    mutating func next() -> Scalar<Curve> {
        let byteCount = Scalar<Curve>.Limbs.byteCount
        while true {
            if handedOutCandidate {
                key = digest.authenticationCode(for: value + [0x00], key: key)
                value = digest.authenticationCode(for: value, key: key)
            }
            handedOutCandidate = true
            var candidate = [UInt8]()
            while candidate.count < byteCount {
                value = digest.authenticationCode(for: value, key: key)
                candidate += value
            }
            // bits2int: the order is a whole number of bytes, so take the leftmost bytes.
            if let k = Scalar<Curve>(nonZeroCanonicalBytes: candidate[..<byteCount]) { return k }
        }
    }
}
