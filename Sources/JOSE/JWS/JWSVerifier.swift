/// Verifies JWS compact serializations (RFC 7515 §7.1) against a configured key set and
/// algorithm allow-list. The token never chooses the keys or the algorithms.
///
/// The rules, in the order they are applied (each failure throws ``JOSEError``):
///
/// 1. The token is at most ``maximumTokenByteCount`` bytes — checked before any decoding (`tooLarge`).
/// 2. Exactly two `.` separators, found on the raw UTF-8 bytes; five parts is a JWE (`isJWE`),
///    anything else, or an empty header, is `malformed`.
/// 3. The header is strict base64url (`invalidBase64URL`) of a strict JSON object
///    (`invalidJSON`, `duplicateMember`; see ``JSONReader``). A header with `enc` is a JWE (`isJWE`).
/// 4. `alg` is a string (`invalidHeader`); `none` in any spelling is refused (`algorithmNone`);
///    it must be exactly (case-sensitively) a ``JWSAlgorithm`` (`unsupportedAlgorithm`, also for
///    ES512 and EdDSA) on the allow-list (`algorithmNotAllowed`).
/// 5. `b64: false` is refused (`unencodedPayload`); any `crit` is refused, since no extension is
///    implemented (`unknownCritical`); `cty: JWT` is refused, since nested tokens are not
///    supported (`nestedToken`); `jwk`, `jku`, `x5u` and `x5c` are refused, since keys never come
///    from the token (`embeddedKey`). `x5t#S256` is ignored.
/// 6. `kid`, when present, is a string of at most 256 bytes (`invalidHeader`), looked up by exact
///    match. Without `kid`, a string `x5t` of at most 256 bytes (Entra v1 tokens of 2013–2015
///    carry only that) selects the keys whose `x5t` or `kid` is exactly it; an `x5t` that is not
///    such a string is `invalidHeader`. The key must be unique and agree with the algorithm (see
///    ``JWKSet/key(for:keyID:x509CertificateSHA1Thumbprint:)`` and ``JWK/checkCanVerify(_:)``).
/// 7. The signature is non-empty strict base64url and verifies with exactly that key and algorithm
///    over the received ASCII `header.payload` (`invalidSignature`).
/// 8. Only then is the payload decoded and, for ``PayloadFormat/jsonObject``, parsed strictly.
///
/// ```swift
/// let keys = try JWKSet(parsing: jwksDocument)
/// let verifier = JWSVerifier(keys: keys, algorithms: [.rs256])
/// do {
///     let verified = try verifier.verify(token)
///     print(verified.claims?["sub"]?.stringValue ?? "-")
/// } catch {
///     print("refused:", error.reason)
/// }
/// ```
public struct JWSVerifier: Sendable {
    /// What the payload must be.
    public enum PayloadFormat: Sendable, Hashable {
        /// A JSON object (JWT claims), parsed strictly into ``VerifiedJWS/claims``. The default.
        case jsonObject
        /// Any bytes, including none; ``VerifiedJWS/claims`` is `nil`.
        case bytes
    }

    /// The keys tokens are verified with.
    public var keys: JWKSet
    /// The algorithms a token may use. Secure default: RS256 only.
    public var algorithms: Set<JWSAlgorithm>
    /// The largest token accepted, in bytes (default 64 KiB).
    public var maximumTokenByteCount: Int
    /// What the payload must be (default: a JSON object).
    public var payloadFormat: PayloadFormat

    /// Header members that carry a key or point at one; a token carrying any of them is refused.
    static let keySourceHeaderNames = ["jwk", "jku", "x5u", "x5c"]

    /// The longest `kid` accepted, in UTF-8 bytes.
    public static let maximumKeyIDByteCount = 256

    /// A verifier for `keys` that accepts only the listed algorithms.
    public init(keys: JWKSet, algorithms: Set<JWSAlgorithm> = [.rs256], maximumTokenByteCount: Int = 64 * 1024,
                payloadFormat: PayloadFormat = .jsonObject) {
        self.keys = keys
        self.algorithms = algorithms
        self.maximumTokenByteCount = maximumTokenByteCount
        self.payloadFormat = payloadFormat
    }

    /// Verifies one compact JWS.
    ///
    /// - Returns: the parsed header, the payload and the key that verified it.
    /// - Throws: ``JOSEError`` naming the first rule the token broke.
    public func verify(_ compact: String) throws(JOSEError) -> VerifiedJWS {
        guard compact.utf8.count <= maximumTokenByteCount else { throw tooLargeError(compact.utf8.count) }
        var compact = compact
        return try compact.withUTF8 { buffer in
            Result { () throws(JOSEError) in try verify(utf8: UnsafeRawBufferPointer(buffer)) }
        }.get()
    }

    /// Verifies one compact JWS given as its UTF-8 bytes (for callers that hold raw request bytes).
    ///
    /// - Throws: ``JOSEError`` naming the first rule the token broke.
    public func verify(utf8 token: UnsafeRawBufferPointer) throws(JOSEError) -> VerifiedJWS {
        guard token.count <= maximumTokenByteCount else { throw tooLargeError(token.count) }
        let parts = try CompactParts(token)

        // Header.
        let headerBytes = try decode(parts.header, "header")
        let header = try parseObject(headerBytes, "header")
        if header.contains(name: "enc") {
            throw JOSEError(.isJWE, "the header has \"enc\": this is a JWE, and only JWS is accepted")
        }
        let algorithm = try checkAlgorithm(header)
        try checkHeaderPolicy(header)
        let keyID = try readKeyID(header)
        let thumbprint = keyID == nil ? try readThumbprint(header) : nil

        // Key and signature.
        guard !parts.signature.isEmpty else { throw JOSEError(.malformed, "the signature part is empty") }
        let key = try keys.key(for: algorithm, keyID: keyID, x509CertificateSHA1Thumbprint: thumbprint)
        let signature = try decode(parts.signature, "signature")
        guard Self.isValidSignature(signature, for: parts.signingInput, algorithm: algorithm, key: key) else {
            throw JOSEError(.invalidSignature, "the \(algorithm.rawValue) signature does not verify with \(key.keyDescription)")
        }

        // Payload, read only after the signature verified.
        let payload = try decode(parts.payload, "payload")
        let claims: JSONObject?
        switch payloadFormat {
        case .jsonObject: claims = try parseObject(payload, "payload")
        case .bytes: claims = nil
        }
        return VerifiedJWS(algorithm: algorithm, header: header, payload: payload, claims: claims, key: key)
    }

    // MARK: Steps

    private func tooLargeError(_ count: Int) -> JOSEError {
        JOSEError(.tooLarge, "the token is \(count) bytes; the limit is \(maximumTokenByteCount)")
    }

    private func decode(_ part: UnsafeRawBufferPointer, _ name: String) throws(JOSEError) -> [UInt8] {
        try CompactParts.decode(part, name)
    }

    private func parseObject(_ bytes: [UInt8], _ name: String) throws(JOSEError) -> JSONObject {
        try CompactParts.parseObject(bytes, name, maximumByteCount: maximumTokenByteCount)
    }

    private func checkAlgorithm(_ header: JSONObject) throws(JOSEError) -> JWSAlgorithm {
        guard let value = header["alg"] else { throw JOSEError(.invalidHeader, "the header has no \"alg\"") }
        guard let name = value.stringValue else { throw JOSEError(.invalidHeader, "the header's \"alg\" is not a string") }
        if name.isASCIICaseInsensitivelyEqual(to: "none") {
            throw JOSEError(.algorithmNone, "alg \(quoted(name)) (unsecured JWS) is never accepted")
        }
        guard let algorithm = JWSAlgorithm(rawValue: name) else {
            if JWSAlgorithm.isKnownUnsupported(name) {
                throw JOSEError(.unsupportedAlgorithm, "alg \(quoted(name)) is not supported by this verifier")
            }
            throw JOSEError(.unsupportedAlgorithm, "alg \(quoted(name)) is not a known JWS algorithm (names are case-sensitive)")
        }
        guard algorithms.contains(algorithm) else {
            throw JOSEError(.algorithmNotAllowed, "alg \(quoted(name)) is not on the allow-list")
        }
        return algorithm
    }

    private func checkHeaderPolicy(_ header: JSONObject) throws(JOSEError) {
        if let b64 = header["b64"] {
            guard let flag = b64.boolValue else { throw JOSEError(.invalidHeader, "the header's \"b64\" is not a Boolean") }
            if !flag { throw JOSEError(.unencodedPayload, "b64: false (RFC 7797 unencoded payload) is not supported") }
        }
        if header.contains(name: "crit") {
            throw JOSEError(.unknownCritical, "the header lists critical extensions (\"crit\"), and none is implemented")
        }
        if let contentType = header["cty"] {
            guard let name = contentType.stringValue else { throw JOSEError(.invalidHeader, "the header's \"cty\" is not a string") }
            // Media types are ASCII-case-insensitive (RFC 7515 §4.1.10); compare bytes, never
            // `lowercased()` + `==`, which normalize a hostile value in quadratic time.
            if name.isASCIICaseInsensitivelyEqual(to: "jwt") || name.isASCIICaseInsensitivelyEqual(to: "application/jwt") {
                throw JOSEError(.nestedToken, "cty \(quoted(name)): nested tokens are not supported")
            }
        }
        for name in Self.keySourceHeaderNames where header.contains(name: name) {
            throw JOSEError(.embeddedKey, "the header carries \"\(name)\"; keys never come from the token")
        }
    }

    private func readKeyID(_ header: JSONObject) throws(JOSEError) -> String? {
        guard let value = header["kid"] else { return nil }
        guard let keyID = value.stringValue else { throw JOSEError(.invalidHeader, "the header's \"kid\" is not a string") }
        guard keyID.utf8.count <= Self.maximumKeyIDByteCount else {
            throw JOSEError(.invalidHeader, "the header's \"kid\" is longer than \(Self.maximumKeyIDByteCount) bytes")
        }
        return keyID
    }

    /// The header's `x5t`, read only when there is no `kid`: the key selector of Entra v1 tokens.
    private func readThumbprint(_ header: JSONObject) throws(JOSEError) -> String? {
        guard let value = header["x5t"] else { return nil }
        guard let thumbprint = value.stringValue else { throw JOSEError(.invalidHeader, "the header's \"x5t\" is not a string") }
        guard thumbprint.utf8.count <= Self.maximumKeyIDByteCount else {
            throw JOSEError(.invalidHeader, "the header's \"x5t\" is longer than \(Self.maximumKeyIDByteCount) bytes")
        }
        return thumbprint
    }

    /// A header value for an error message: quoted ASCII-only (see `logSafeQuoted`) and cut to
    /// 64 Unicode scalars, since it comes from the token and ends up in logs. (Cutting by
    /// `Character` would not bound it: one grapheme cluster can hold thousands of scalars.)
    private func quoted(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > 64 else { return value.logSafeQuoted }
        return String(String.UnicodeScalarView(scalars.prefix(64))).logSafeQuoted + "…"
    }

    /// Verifies `signature` with exactly `algorithm`'s primitive and `key` (already checked to agree).
    static func isValidSignature(_ signature: [UInt8], for signingInput: UnsafeRawBufferPointer,
                                 algorithm: JWSAlgorithm, key: JWK) -> Bool {
        switch (algorithm.family, key.material) {
        case (.rsaPKCS1, .rsa(let publicKey)):
            return publicKey.isValidSignature(signature, for: signingInput, padding: .pkcs1v15, digest: algorithm.digest)
        case (.rsaPSS, .rsa(let publicKey)):
            return publicKey.isValidSignature(signature, for: signingInput, padding: .pss, digest: algorithm.digest)
        case (.ecdsa, .ec(let publicKey)):
            guard publicKey.curve == algorithm.curve, signature.count == 2 * publicKey.curve.coordinateByteCount else { return false }
            return publicKey.isValidSignature(signature, for: signingInput, digest: algorithm.digest)
        case (.hmac, .octet(let secret)):
            guard signature.count == algorithm.digest.digestByteCount else { return false }
            switch algorithm.digest {
            case .sha256: return HMAC<SHA256>.isValidAuthenticationCode(signature, for: signingInput, key: secret)
            case .sha384: return HMAC<SHA384>.isValidAuthenticationCode(signature, for: signingInput, key: secret)
            case .sha512: return HMAC<SHA512>.isValidAuthenticationCode(signature, for: signingInput, key: secret)
            }
        default:
            // The key type never crosses families (checked by JWK.checkCanVerify); fail closed regardless.
            return false
        }
    }
}
