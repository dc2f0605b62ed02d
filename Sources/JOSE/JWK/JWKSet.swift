/// A JWK Set (RFC 7517 §5) prepared for verification: keys looked up by exact `kid` — or, for a
/// token without `kid`, by exact `x5t` — byte for byte (``ExactString``), never by Swift's
/// canonical-equivalence `==` or hashing.
///
/// Loading policy (attacks.md A2):
/// - **Private material refuses the whole set.** A verification set that contains private RSA
///   or EC members (`d`, `p`, …) was published by mistake; nothing in it is trusted
///   (``JOSEError/Reason/privateKeyMaterial``). `oct` keys are secret by nature and allowed.
/// - **Bad or unsupported keys are set aside, never used.** A key with a 1024-bit modulus,
///   `e = 1`, a point off the curve, a curve such as P-521 or a type such as `OKP` goes to
///   ``rejectedKeys`` with the reason; the other keys stay usable, so one odd key in a provider's
///   JWKS does not take the whole set down. A token naming a set-aside key fails with
///   ``JOSEError/Reason/keyRejected`` and that reason.
/// - **Secrets and public keys never share a set.** `oct` keys next to RSA or EC keys are
///   refused (``JOSEError/Reason/mixedKeySet``): a published public JWKS must not carry a
///   secret, and an HMAC set has no business holding public keys.
/// - **Duplicate `kid`s are kept, and never resolved by "first wins".** A token whose `kid`
///   matches several keys that could all verify its `alg` fails with
///   ``JOSEError/Reason/ambiguousKey``; only one key is ever tried. Keys sharing a `kid` but of
///   different types stay distinguishable by the token's `alg`. A `kid` shared by a usable key
///   and a set-aside key is ambiguous too: the token may have meant the refused one.
/// - **A token without `kid` but with `x5t`** (Entra v1 tokens of 2013–2015) selects the keys
///   whose `x5t` or `kid` is exactly that value (Entra publishes them equal); then the same
///   rules: one key that agrees with the algorithm, never a guess.
/// - **A token with neither** is verified only when exactly one key in the set can verify
///   its `alg`.
///
/// ```swift
/// let keys = try JWKSet(parsing: jwksBytes)      // {"keys":[…]} or a single JWK object
/// let key = try keys.key(for: .rs256, keyID: "nOo3ZDrODXEK1jKWhXslHR_KXEg")
/// let old = try keys.key(for: .rs256, keyID: nil, x509CertificateSHA1Thumbprint: "kriMPdmBvx68skT8-mPAB3BseeA")
/// ```
public struct JWKSet: Sendable {
    /// A key the set refused at load time, and why.
    public struct RejectedKey: Sendable, Hashable {
        /// The key's `kid`, when it had a string one.
        public var keyID: String?
        /// Why it was refused.
        public var error: JOSEError
    }

    /// The usable keys, in document order.
    public let keys: [JWK]
    /// The keys refused at load time.
    public let rejectedKeys: [RejectedKey]
    /// Positions of the usable keys by exact `kid`.
    private let indicesByKeyID: [ExactString: [Int]]
    /// Positions of the usable keys by exact `x5t`.
    private let indicesByThumbprint: [ExactString: [Int]]

    /// A set of keys built in code.
    ///
    /// - Throws: ``JOSEError/Reason/privateKeyMaterial`` when a key came from a JWK with private
    ///   members, ``JOSEError/Reason/mixedKeySet`` when `oct` secrets sit next to RSA/EC keys.
    public init(keys: [JWK]) throws(JOSEError) {
        try self.init(keys: keys, rejectedKeys: [])
    }

    private init(keys: [JWK], rejectedKeys: [RejectedKey]) throws(JOSEError) {
        if let key = keys.first(where: \.containsPrivateKeyMaterial) {
            throw JOSEError(.privateKeyMaterial, "key set contains private key material (\(key.keyDescription)); refusing the whole set")
        }
        if keys.contains(where: { $0.keyType == .octet }), keys.contains(where: { $0.keyType != .octet }) {
            throw JOSEError(.mixedKeySet, "key set mixes oct secrets with public RSA/EC keys; refusing the whole set")
        }
        var byKeyID: [ExactString: [Int]] = [:]
        var byThumbprint: [ExactString: [Int]] = [:]
        for (position, key) in keys.enumerated() {
            if let keyID = key.keyID { byKeyID[ExactString(keyID), default: []].append(position) }
            if let thumbprint = key.x509CertificateSHA1Thumbprint {
                byThumbprint[ExactString(thumbprint), default: []].append(position)
            }
        }
        self.keys = keys
        self.rejectedKeys = rejectedKeys
        self.indicesByKeyID = byKeyID
        self.indicesByThumbprint = byThumbprint
    }

    /// Reads a JWK Set document `{"keys": [ … ]}`, or a single JWK object as a one-key set.
    ///
    /// - Parameter minimumRSAModulusBitCount: smallest RSA modulus accepted (RFC 7518 §3.3: 2048).
    /// - Throws: ``JOSEError`` when the document is not a JWK Set or JWK, or contains private key material.
    public init(json: JSONValue, minimumRSAModulusBitCount: Int = 2048) throws(JOSEError) {
        guard let object = json.objectValue else { throw JOSEError(.invalidKey, "JWK Set is not a JSON object") }
        let entries: [JSONValue]
        if let keysValue = object["keys"] {
            guard let array = keysValue.arrayValue else { throw JOSEError(.invalidKey, "JWK Set \"keys\" is not an array") }
            entries = array
        } else if object.contains(name: "kty") {
            entries = [json]
        } else {
            throw JOSEError(.invalidKey, "neither a JWK Set (no \"keys\") nor a JWK (no \"kty\")")
        }
        var keys: [JWK] = []
        var rejected: [RejectedKey] = []
        for entry in entries {
            guard let keyObject = entry.objectValue else {
                rejected.append(RejectedKey(keyID: nil, error: JOSEError(.invalidKey, "JWK Set entry is not an object")))
                continue
            }
            do {
                keys.append(try JWK(json: keyObject, minimumRSAModulusBitCount: minimumRSAModulusBitCount))
            } catch {
                if error.reason == .invalidKey || error.reason == .unsupportedKey || error.reason == .keyTooShort {
                    rejected.append(RejectedKey(keyID: keyObject["kid"]?.stringValue, error: error))
                } else {
                    throw error
                }
            }
            if keyObject.contains(where: { JWK.isPrivateMemberName($0.name) }),
               keyObject["kty"]?.stringValue.flatMap(JWK.KeyType.init(rawValue:)) != .octet {
                throw JOSEError(.privateKeyMaterial, "key set contains private key material; refusing the whole set")
            }
        }
        try self.init(keys: keys, rejectedKeys: rejected)
    }

    /// Reads a JWK Set (or single JWK) from JSON text, strictly (see ``JSONReader``).
    ///
    /// - Throws: ``JOSEError`` (`invalidJSON`, `duplicateMember`, or as ``init(json:minimumRSAModulusBitCount:)``).
    public init(parsing bytes: some Collection<UInt8>, minimumRSAModulusBitCount: Int = 2048) throws(JOSEError) {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw JOSEError(error.reason == .duplicateMember ? .duplicateMember : .invalidJSON, "JWK Set: \(error)")
        }
        try self.init(json: value, minimumRSAModulusBitCount: minimumRSAModulusBitCount)
    }

    /// The JWK Set document `{"keys":[…]}` of the usable keys (see ``JWK/jsonObject``), for
    /// serving a JWKS endpoint: `JSONWriter.serialize(keys.jsonValue)`.
    public var jsonValue: JSONValue {
        .object(JSONObject([JSONObject.Member(name: "keys", value: .array(keys.map { .object($0.jsonObject) }))]))
    }

    /// The usable keys whose `kid` is exactly `keyID`.
    ///
    /// ```swift
    /// if keySet.keys(withID: kid).isEmpty { await keyCache.refresh() }
    /// ```
    public func keys(withID keyID: String) -> [JWK] {
        (indices(forKeyID: keyID) ?? []).map { keys[$0] }
    }

    /// The usable keys a token with `x5t` but no `kid` may name: those whose `x5t` or `kid` is
    /// exactly `thumbprint`, in document order.
    ///
    /// ```swift
    /// keySet.keys(withX509CertificateSHA1Thumbprint: "kriMPdmBvx68skT8-mPAB3BseeA")
    /// ```
    public func keys(withX509CertificateSHA1Thumbprint thumbprint: String) -> [JWK] {
        indices(forThumbprint: thumbprint).map { keys[$0] }
    }

    /// Whether `candidate` is exactly `keyID`, byte for byte (RFC 7515 §4.1.4).
    /// Swift's `==` is Unicode canonical equivalence (`"\u{212A}1" == "K1"`), too loose for an
    /// identifier the token chooses.
    static func isExactly(_ candidate: String?, _ keyID: String) -> Bool {
        candidate?.isExactly(keyID) ?? false
    }

    /// Positions of the usable keys whose `kid` is exactly `keyID`, or `nil` when there are none.
    private func indices(forKeyID keyID: String) -> [Int]? {
        indicesByKeyID[ExactString(keyID)]
    }

    /// Positions of the usable keys whose `x5t` or `kid` is exactly `thumbprint`, ascending.
    private func indices(forThumbprint thumbprint: String) -> [Int] {
        let key = ExactString(thumbprint)
        let union = Set((indicesByThumbprint[key] ?? []) + (indicesByKeyID[key] ?? []))
        return union.sorted()
    }

    /// The one key that may verify a token with this `alg` and `kid`; the same as
    /// ``key(for:keyID:x509CertificateSHA1Thumbprint:)`` without a thumbprint.
    ///
    /// - Throws: ``JOSEError`` — `keyNotFound`, `keyRejected`, `ambiguousKey`, or the specific
    ///   mismatch of the only key carrying `kid` (`keyTypeMismatch`, `keyAlgorithmMismatch`, …).
    public func key(for algorithm: JWSAlgorithm, keyID: String?) throws(JOSEError) -> JWK {
        try key(for: algorithm, keyID: keyID, x509CertificateSHA1Thumbprint: nil)
    }

    /// The one key that may verify a token with this `alg`, `kid` and `x5t`.
    ///
    /// With a `kid`, only keys with exactly that `kid` are candidates (`x5t` plays no part).
    /// Without `kid` but with `x5t`, the candidates are the keys whose `x5t` or `kid` is exactly
    /// that thumbprint. With neither, every key is a candidate. Candidates that contradict the
    /// algorithm (see ``JWK/checkCanVerify(_:)``) are dropped. One remaining key is returned;
    /// none or several is an error.
    ///
    /// ```swift
    /// // An Entra v1 token of 2014, header {"typ":"JWT","alg":"RS256","x5t":"kriMP…"}
    /// let key = try keySet.key(for: .rs256, keyID: nil, x509CertificateSHA1Thumbprint: "kriMPdmBvx68skT8-mPAB3BseeA")
    /// ```
    ///
    /// - Throws: ``JOSEError`` — `keyNotFound`, `keyRejected`, `ambiguousKey`, or the specific
    ///   mismatch of the only candidate (`keyTypeMismatch`, `keyAlgorithmMismatch`, …).
    public func key(
        for algorithm: JWSAlgorithm, keyID: String?, x509CertificateSHA1Thumbprint thumbprint: String?
    ) throws(JOSEError) -> JWK {
        if keyID == nil, let thumbprint {
            let indices = indices(forThumbprint: thumbprint)
            let rejected = rejectedKeys.first { Self.isExactly($0.keyID, thumbprint) }
            guard !indices.isEmpty else {
                if let rejected {
                    throw JOSEError(.keyRejected, "the key with x5t \(thumbprint.logSafeQuoted) was refused when the key set was loaded (\(rejected.error))")
                }
                throw JOSEError(.keyNotFound, "no key with x5t \(thumbprint.logSafeQuoted)")
            }
            if rejected != nil {
                throw JOSEError(.ambiguousKey, "x5t \(thumbprint.logSafeQuoted) also names a key refused when the key set was loaded; refusing to pick one")
            }
            if indices.count == 1 {
                let key = keys[indices[0]]
                try key.checkCanVerify(algorithm)
                return key
            }
            return try uniqueKey(among: indices, for: algorithm, context: "with x5t \(thumbprint.logSafeQuoted)")
        }
        if let keyID {
            guard let indices = indices(forKeyID: keyID) else {
                if let rejected = rejectedKeys.first(where: { Self.isExactly($0.keyID, keyID) }) {
                    throw JOSEError(.keyRejected, "the key with kid \(keyID.logSafeQuoted) was refused when the key set was loaded (\(rejected.error))")
                }
                throw JOSEError(.keyNotFound, "no key with kid \(keyID.logSafeQuoted)")
            }
            if rejectedKeys.contains(where: { Self.isExactly($0.keyID, keyID) }) {
                throw JOSEError(.ambiguousKey, "kid \(keyID.logSafeQuoted) also names a key refused when the key set was loaded; refusing to pick one")
            }
            if indices.count == 1 {
                let key = keys[indices[0]]
                try key.checkCanVerify(algorithm)
                return key
            }
            return try uniqueKey(among: indices, for: algorithm, context: "with kid \(keyID.logSafeQuoted)")
        }
        return try uniqueKey(among: keys.indices, for: algorithm, context: "without kid")
    }

    private func uniqueKey(among indices: some Collection<Int>, for algorithm: JWSAlgorithm, context: String) throws(JOSEError) -> JWK {
        var found: JWK?
        var firstMismatch: JOSEError?
        for index in indices {
            let key = keys[index]
            do {
                try key.checkCanVerify(algorithm)
            } catch {
                firstMismatch = firstMismatch ?? error
                continue
            }
            guard found == nil else {
                throw JOSEError(.ambiguousKey, "several keys \(context) can verify \(algorithm.rawValue); refusing to pick one")
            }
            found = key
        }
        if let found { return found }
        if indices.count == 1, let firstMismatch { throw firstMismatch }
        throw JOSEError(.keyNotFound, "no key \(context) can verify \(algorithm.rawValue)")
    }
}
