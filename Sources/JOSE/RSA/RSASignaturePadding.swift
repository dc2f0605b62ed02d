/// RSASSA padding as JWS uses it (RFC 7518 §3.3 and §3.5).
///
/// - `pkcs1v15`: RSASSA-PKCS1-v1_5, the `RS256`/`RS384`/`RS512` algorithms.
/// - `pss`: RSASSA-PSS with MGF1 over the same digest and a salt exactly as long as the digest,
///   the `PS256`/`PS384`/`PS512` algorithms. No other PSS parameters are accepted.
///
/// ```swift
/// key.isValidSignature(signature, for: signingInput, padding: .pss, digest: .sha256)  // PS256
/// ```
public enum RSASignaturePadding: Sendable, Hashable {
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), verified by encoding the expected block and comparing it whole.
    case pkcs1v15
    /// RSASSA-PSS (RFC 8017 §8.1) with MGF1 over the same digest and a salt as long as the digest.
    case pss
}
