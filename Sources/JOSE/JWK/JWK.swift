/// A JSON Web Key (RFC 7517) usable for verifying signatures: an RSA or EC public key, or an
/// `oct` HMAC secret, plus its metadata.
///
/// Loading validates the key material (RSA modulus size and exponent, no ROCA fingerprint, EC
/// point on the curve, non-empty HMAC secret) through ``RSAPublicKey`` and ``ECPublicKey``. `kid`, `use`, `alg`,
/// `key_ops`, `x5t`, `x5t#S256` and `x5c` are kept as data; other members (Entra's `issuer`,
/// for example) stay readable in ``members`` but play no role in verification. Certificates in
/// `x5c` are never parsed or trusted.
///
/// Private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) of RSA and EC keys are detected and
/// dropped: the key keeps only its public part, ``containsPrivateKeyMaterial`` says they were
/// there, and ``JWKSet`` refuses such keys outright.
///
/// ```swift
/// let jwk = try JWK(parsing: Array(#"{"kty":"RSA","kid":"k1","n":"…","e":"AQAB"}"#.utf8))
/// jwk.keyType          // .rsa
/// jwk.rsaPublicKey     // the validated RSAPublicKey
/// jwk.thumbprint()     // RFC 7638 SHA-256 thumbprint bytes
/// ```
public struct JWK: Sendable, Hashable, CustomStringConvertible {
    /// The JWK `kty` values this library understands.
    public enum KeyType: String, Sendable, Hashable, CaseIterable {
        /// `RSA` public key.
        case rsa = "RSA"
        /// `EC` public key (P-256 or P-384).
        case ec = "EC"
        /// `oct` symmetric secret (HMAC).
        case octet = "oct"

        /// The key type whose `kty` has exactly the UTF-8 bytes of `rawValue`, or `nil` (bytes,
        /// not Swift's canonical-equivalence `==`).
        ///
        /// ```swift
        /// JWK.KeyType(rawValue: "EC")   // .ec
        /// ```
        public init?(rawValue: String) {
            guard let type = Self.allCases.first(where: { $0.rawValue.isExactly(rawValue) }) else { return nil }
            self = type
        }
    }

    /// The validated key material.
    public enum Material: Sendable, Hashable {
        /// An RSA public key.
        case rsa(RSAPublicKey)
        /// An EC public key.
        case ec(ECPublicKey)
        /// An HMAC secret (never empty).
        case octet([UInt8])
    }

    /// The key material.
    public let material: Material
    /// `kid`, if present.
    public let keyID: String?
    /// `use`, if present (`sig` or `enc`).
    public let use: String?
    /// `alg`, if present, exactly as written (it may name an algorithm this library does not know).
    public let algorithm: String?
    /// `key_ops`, if present.
    public let keyOperations: [String]?
    /// `x5t` (base64url SHA-1 certificate thumbprint), kept as data.
    public let x509CertificateSHA1Thumbprint: String?
    /// `x5t#S256` (base64url SHA-256 certificate thumbprint), kept as data.
    public let x509CertificateSHA256Thumbprint: String?
    /// `x5c` (base64 DER certificates), kept as data, never parsed.
    public let x509CertificateChain: [String]?
    /// Whether the source JWK carried private RSA or EC members, which were dropped.
    public let containsPrivateKeyMaterial: Bool
    /// All members of the source JWK except private RSA/EC members and the `oct` secret `k`.
    public let members: JSONObject

    /// The key's type.
    public var keyType: KeyType {
        switch material {
        case .rsa: .rsa
        case .ec: .ec
        case .octet: .octet
        }
    }

    /// The RSA public key, when this is an RSA key.
    public var rsaPublicKey: RSAPublicKey? {
        if case .rsa(let key) = material { return key }
        return nil
    }

    /// The EC public key, when this is an EC key.
    public var ecPublicKey: ECPublicKey? {
        if case .ec(let key) = material { return key }
        return nil
    }

    /// The HMAC secret, when this is an `oct` key.
    public var symmetricSecret: [UInt8]? {
        if case .octet(let secret) = material { return secret }
        return nil
    }

    /// Names of RSA and EC members that hold private key material (RFC 7518 §6.2.2, §6.3.2).
    static let privateMemberNames: Set<ExactString> = ["d", "p", "q", "dp", "dq", "qi", "oth"]

    /// Whether `name` is exactly one of ``privateMemberNames``.
    static func isPrivateMemberName(_ name: String) -> Bool {
        privateMemberNames.contains(ExactString(name))
    }

    /// Reads a JWK from its JSON object.
    ///
    /// - Parameter minimumRSAModulusBitCount: smallest RSA modulus accepted (RFC 7518 §3.3: 2048).
    /// - Throws: ``JOSEError`` with `invalidKey` (malformed or invalid material), `unsupportedKey`
    ///   (other `kty` or curve) or `keyTooShort` (an `oct` key whose `alg` needs a longer secret).
    public init(json: JSONObject, minimumRSAModulusBitCount: Int = 2048) throws(JOSEError) {
        guard let keyTypeValue = json["kty"] else { throw JOSEError(.invalidKey, "JWK has no \"kty\"") }
        guard let keyTypeName = keyTypeValue.stringValue else { throw JOSEError(.invalidKey, "JWK \"kty\" is not a string") }
        let keyID = try Self.optionalString(json, "kid")
        let use = try Self.optionalString(json, "use")
        let algorithm = try Self.optionalString(json, "alg")
        let keyOperations = try Self.optionalStrings(json, "key_ops")
        if let keyOperations, Set(keyOperations.map { ExactString($0) }).count != keyOperations.count {
            throw JOSEError(.invalidKey, "JWK \"key_ops\" repeats a value")
        }
        let material: Material
        var containsPrivate = false
        switch KeyType(rawValue: keyTypeName) {
        case .rsa:
            let modulus = try Self.requiredBytes(json, "n")
            let exponent = try Self.requiredBytes(json, "e")
            let publicKey: RSAPublicKey
            do {
                publicKey = try RSAPublicKey(modulus: modulus, publicExponent: exponent,
                                             minimumModulusBitCount: minimumRSAModulusBitCount)
            } catch {
                throw JOSEError(.invalidKey, "RSA JWK refused: \(error.reason)")
            }
            guard !publicKey.hasROCAFingerprint else {
                throw JOSEError(.invalidKey, "RSA JWK refused: the modulus has the ROCA fingerprint (CVE-2017-15361)")
            }
            material = .rsa(publicKey)
            containsPrivate = json.contains { Self.isPrivateMemberName($0.name) }
        case .ec:
            guard let curveName = json["crv"]?.stringValue else { throw JOSEError(.invalidKey, "EC JWK has no string \"crv\"") }
            guard let curve = ECCurve(rawValue: curveName) else {
                throw JOSEError(.unsupportedKey, "EC curve \(curveName.logSafeQuoted) is not supported (P-256 and P-384 are)")
            }
            let x = try Self.requiredBytes(json, "x")
            let y = try Self.requiredBytes(json, "y")
            do {
                material = .ec(try ECPublicKey(curve: curve, x: x, y: y))
            } catch {
                throw JOSEError(.invalidKey, "EC JWK refused: \(error.reason)")
            }
            containsPrivate = json.contains(name: "d")
        case .octet:
            let secret = try Self.requiredBytes(json, "k")
            guard !secret.isEmpty else { throw JOSEError(.invalidKey, "oct JWK has an empty secret") }
            if let algorithm, let jws = JWSAlgorithm(rawValue: algorithm), jws.family == .hmac,
               secret.count < jws.digest.digestByteCount {
                throw JOSEError(.keyTooShort, "oct JWK secret is \(secret.count) bytes; \(jws.rawValue) needs at least \(jws.digest.digestByteCount)")
            }
            material = .octet(secret)
        case nil:
            throw JOSEError(.unsupportedKey, "JWK key type \(keyTypeName.logSafeQuoted) is not supported (RSA, EC and oct are)")
        }
        self.material = material
        self.keyID = keyID
        self.use = use
        self.algorithm = algorithm
        self.keyOperations = keyOperations
        self.x509CertificateSHA1Thumbprint = try Self.optionalString(json, "x5t")
        self.x509CertificateSHA256Thumbprint = try Self.optionalString(json, "x5t#S256")
        self.x509CertificateChain = try Self.optionalStrings(json, "x5c")
        self.containsPrivateKeyMaterial = containsPrivate
        let hidden: Set<ExactString> = material.isSecret ? ["k"] : Self.privateMemberNames
        self.members = JSONObject(json.members.filter { !hidden.contains(ExactString($0.name)) })
    }

    /// Reads a JWK from JSON text (strictly, see ``JSONReader``).
    ///
    /// - Throws: ``JOSEError`` (`invalidJSON`/`duplicateMember` for the text, or as ``init(json:minimumRSAModulusBitCount:)``).
    public init(parsing bytes: some Collection<UInt8>, minimumRSAModulusBitCount: Int = 2048) throws(JOSEError) {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw JOSEError(error.reason == .duplicateMember ? .duplicateMember : .invalidJSON, "JWK: \(error)")
        }
        guard let object = value.objectValue else { throw JOSEError(.invalidKey, "JWK is not a JSON object") }
        try self.init(json: object, minimumRSAModulusBitCount: minimumRSAModulusBitCount)
    }

    /// A JWK for a key held in code (for example the emulator's signing key), with optional metadata.
    ///
    /// ```swift
    /// let jwk = JWK(material: .rsa(privateKey.publicKey), keyID: "emulator-1", use: "sig", algorithm: "RS256")
    /// ```
    public init(material: Material, keyID: String? = nil, use: String? = nil, algorithm: String? = nil,
                keyOperations: [String]? = nil) {
        self.material = material
        self.keyID = keyID
        self.use = use
        self.algorithm = algorithm
        self.keyOperations = keyOperations
        self.x509CertificateSHA1Thumbprint = nil
        self.x509CertificateSHA256Thumbprint = nil
        self.x509CertificateChain = nil
        self.containsPrivateKeyMaterial = false
        var members: [JSONObject.Member] = [JSONObject.Member(name: "kty", value: .string(material.keyType.rawValue))]
        if let keyID { members.append(JSONObject.Member(name: "kid", value: .string(keyID))) }
        if let use { members.append(JSONObject.Member(name: "use", value: .string(use))) }
        if let algorithm { members.append(JSONObject.Member(name: "alg", value: .string(algorithm))) }
        if let keyOperations { members.append(JSONObject.Member(name: "key_ops", value: .array(keyOperations.map { .string($0) }))) }
        self.members = JSONObject(members)
    }

    /// The public JWK as a JSON object (`kty`, metadata, and `n`/`e` or `crv`/`x`/`y`), ready for a
    /// JWKS document. `oct` secrets are included as `k`, since they have no public form.
    public var jsonObject: JSONObject {
        var result = members.members.filter { !Self.keyMaterialNames.contains(ExactString($0.name)) }
        for (name, value) in materialMembers {
            result.append(JSONObject.Member(name: name, value: .string(value)))
        }
        return JSONObject(result)
    }

    /// Members that carry key material (public or private) in any key type.
    private static let keyMaterialNames = Set<ExactString>(["n", "e", "crv", "x", "y", "k"]).union(privateMemberNames)

    /// The base64url members that define the key, in RFC 7638 (lexicographic) order, `kty` excluded.
    var materialMembers: [(String, String)] {
        switch material {
        case .rsa(let key):
            [("e", Base64URL.encode(key.publicExponent)), ("n", Base64URL.encode(key.modulus))]
        case .ec(let key):
            [("crv", key.curve.rawValue), ("x", Base64URL.encode(key.x)), ("y", Base64URL.encode(key.y))]
        case .octet(let secret):
            [("k", Base64URL.encode(secret))]
        }
    }

    /// A summary without key bytes, e.g. `JWK(RSA, kid: "k1", alg: RS256)`.
    public var description: String {
        var parts = [keyType.rawValue]
        if let keyID { parts.append("kid: \(keyID.logSafeQuoted)") }
        if let algorithm { parts.append("alg: \(algorithm)") }
        if let use { parts.append("use: \(use)") }
        return "JWK(\(parts.joined(separator: ", ")))"
    }

    // MARK: Member readers

    private static func optionalString(_ json: JSONObject, _ name: String) throws(JOSEError) -> String? {
        guard let value = json[name] else { return nil }
        guard let string = value.stringValue else { throw JOSEError(.invalidKey, "JWK \"\(name)\" is not a string") }
        return string
    }

    private static func optionalStrings(_ json: JSONObject, _ name: String) throws(JOSEError) -> [String]? {
        guard let value = json[name] else { return nil }
        guard let array = value.arrayValue else { throw JOSEError(.invalidKey, "JWK \"\(name)\" is not an array") }
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for element in array {
            guard let string = element.stringValue else { throw JOSEError(.invalidKey, "JWK \"\(name)\" holds a non-string") }
            strings.append(string)
        }
        return strings
    }

    private static func requiredBytes(_ json: JSONObject, _ name: String) throws(JOSEError) -> [UInt8] {
        guard let value = json[name] else { throw JOSEError(.invalidKey, "JWK has no \"\(name)\"") }
        guard let string = value.stringValue else { throw JOSEError(.invalidKey, "JWK \"\(name)\" is not a string") }
        do {
            return try Base64URL.decode(string)
        } catch {
            throw JOSEError(.invalidKey, "JWK \"\(name)\" is not strict base64url (\(error.reason))")
        }
    }
}

extension JWK.Material {
    /// The `kty` of this material.
    public var keyType: JWK.KeyType {
        switch self {
        case .rsa: .rsa
        case .ec: .ec
        case .octet: .octet
        }
    }

    /// Whether the material itself is secret (an HMAC key).
    var isSecret: Bool {
        if case .octet = self { return true }
        return false
    }
}
