/// The JWS `alg` values this library verifies (RFC 7518 §3), with the fixed primitive each one
/// means. The raw value is the exact, case-sensitive `alg` string.
///
/// ES512 (P-521) and EdDSA/Ed25519 are deliberately absent: a token using them is refused with
/// ``JOSEError/Reason/unsupportedAlgorithm``. `none` is never an algorithm here.
///
/// ```swift
/// JWSAlgorithm(rawValue: "RS256")        // .rs256
/// JWSAlgorithm(rawValue: "rs256")        // nil: alg names are case-sensitive
/// let verifier = JWSVerifier(keys: keys, algorithms: [.rs256, .es256])
/// ```
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
    case ps256 = "PS256"
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt.
    case ps384 = "PS384"
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt.
    case ps512 = "PS512"
    /// ECDSA on P-256 with SHA-256, signature r‖s (64 bytes).
    case es256 = "ES256"
    /// ECDSA on P-384 with SHA-384, signature r‖s (96 bytes).
    case es384 = "ES384"
    /// HMAC with SHA-256.
    case hs256 = "HS256"
    /// HMAC with SHA-384.
    case hs384 = "HS384"
    /// HMAC with SHA-512.
    case hs512 = "HS512"

    /// The primitive family an algorithm belongs to; it fixes the key type that may verify it.
    public enum Family: Sendable, Hashable {
        /// RSASSA-PKCS1-v1_5 (`RS*`), RSA keys.
        case rsaPKCS1
        /// RSASSA-PSS (`PS*`), RSA keys.
        case rsaPSS
        /// ECDSA (`ES*`), EC keys on one fixed curve.
        case ecdsa
        /// HMAC (`HS*`), `oct` keys only.
        case hmac
    }

    /// The family of this algorithm.
    public var family: Family {
        switch self {
        case .rs256, .rs384, .rs512: .rsaPKCS1
        case .ps256, .ps384, .ps512: .rsaPSS
        case .es256, .es384: .ecdsa
        case .hs256, .hs384, .hs512: .hmac
        }
    }

    /// The hash this algorithm uses.
    public var digest: DigestAlgorithm {
        switch self {
        case .rs256, .ps256, .es256, .hs256: .sha256
        case .rs384, .ps384, .es384, .hs384: .sha384
        case .rs512, .ps512, .hs512: .sha512
        }
    }

    /// The JWK `kty` whose keys may verify this algorithm.
    public var keyType: JWK.KeyType {
        switch family {
        case .rsaPKCS1, .rsaPSS: .rsa
        case .ecdsa: .ec
        case .hmac: .octet
        }
    }

    /// The curve an `ES*` algorithm requires (`nil` for the others).
    public var curve: ECCurve? {
        switch self {
        case .es256: .p256
        case .es384: .p384
        default: nil
        }
    }

    /// The algorithm whose name has exactly the UTF-8 bytes of `rawValue`, or `nil`.
    ///
    /// Replaces the synthesized initializer, which matched with Swift's `String` `==` (Unicode
    /// canonical equivalence): that cost time quadratic in a hostile `alg` made of combining
    /// marks, for each of the eleven names tried. This compares lengths first, then bytes.
    ///
    /// ```swift
    /// JWSAlgorithm(rawValue: "ES256")   // .es256
    /// ```
    public init?(rawValue: String) {
        guard let algorithm = Self.allCases.first(where: { $0.rawValue.isExactly(rawValue) }) else { return nil }
        self = algorithm
    }

    /// `alg` values that are registered for JWS but not implemented here; tokens using them get
    /// ``JOSEError/Reason/unsupportedAlgorithm``. Test a token's `alg` with
    /// ``isKnownUnsupported(_:)``, which compares bytes, rather than `contains` (which hashes
    /// with Unicode normalization).
    public static let knownUnsupported: Set<String> = ["ES512", "ES256K", "EdDSA", "Ed25519", "Ed448"]

    /// Whether `name` is exactly (byte for byte) one of ``knownUnsupported``.
    ///
    /// ```swift
    /// JWSAlgorithm.isKnownUnsupported("EdDSA")   // true
    /// ```
    public static func isKnownUnsupported(_ name: String) -> Bool {
        knownUnsupported.contains { $0.isExactly(name) }
    }
}
