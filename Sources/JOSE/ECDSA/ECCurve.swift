/// The NIST prime curves JWS uses for ECDSA (RFC 7518 §3.4): P-256 for `ES256`, P-384 for `ES384`.
///
/// The raw value is the JWK `crv` name.
///
/// ```swift
/// let curve = ECCurve(rawValue: jwk.crv)   // "P-256" → .p256
/// curve?.coordinateByteCount               // 32
/// ```
public enum ECCurve: String, Sendable, Hashable, CaseIterable {
    /// NIST P-256 (secp256r1), used by `ES256`.
    case p256 = "P-256"
    /// NIST P-384 (secp384r1), used by `ES384`.
    case p384 = "P-384"

    /// The size in bytes of one coordinate, of a private scalar, and of each half of a raw
    /// JWS signature `r‖s`: 32 for P-256, 48 for P-384.
    public var coordinateByteCount: Int {
        switch self {
        case .p256: 32
        case .p384: 48
        }
    }

    /// The size in bytes of a raw JWS signature `r‖s`: 64 for P-256, 96 for P-384.
    public var signatureByteCount: Int { 2 &* coordinateByteCount }

    /// The curve whose `crv` name has exactly the UTF-8 bytes of `rawValue`, or `nil`. Bytes,
    /// not Swift's canonical-equivalence `==`, so a hostile name costs a length check.
    ///
    /// ```swift
    /// ECCurve(rawValue: "P-384")   // .p384
    /// ```
    public init?(rawValue: String) {
        guard let curve = Self.allCases.first(where: { $0.rawValue.isExactly(rawValue) }) else { return nil }
        self = curve
    }
}
