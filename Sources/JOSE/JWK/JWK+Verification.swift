extension JWK {
    /// Checks that this key may verify a token signed with `algorithm`, and throws the first
    /// contradiction otherwise. The checks, in order:
    ///
    /// 1. the key type is the algorithm's family (RSA for `RS*`/`PS*`, EC for `ES*`, `oct` for
    ///    `HS*`): an RSA or EC public key can never become an HMAC secret (`keyTypeMismatch`);
    /// 2. `use`, when present, is `sig`, and `key_ops`, when present, contains `verify` (`keyUseMismatch`);
    /// 3. `alg`, when present, is exactly the token's algorithm (`keyAlgorithmMismatch`). A key
    ///    without `alg` — Entra publishes its keys that way — is bound by the caller's allow-list;
    /// 4. an EC key's curve is the algorithm's curve (`keyCurveMismatch`);
    /// 5. an HMAC secret is at least as long as the hash output (`keyTooShort`, RFC 7518 §3.2).
    ///
    /// ```swift
    /// try jwk.checkCanVerify(.rs256)   // throws JOSEError when the key must not be used
    /// ```
    public func checkCanVerify(_ algorithm: JWSAlgorithm) throws(JOSEError) {
        guard keyType == algorithm.keyType else {
            throw JOSEError(.keyTypeMismatch, "\(algorithm.rawValue) needs a \(algorithm.keyType.rawValue) key; \(keyDescription) is \(keyType.rawValue)")
        }
        if let use, !use.isExactly("sig") {
            throw JOSEError(.keyUseMismatch, "\(keyDescription) has use \(use.logSafeQuoted), not \"sig\"")
        }
        if let keyOperations, !keyOperations.contains(where: { $0.isExactly("verify") }) {
            throw JOSEError(.keyUseMismatch, "\(keyDescription) has key_ops without \"verify\"")
        }
        if let keyAlgorithm = self.algorithm, !keyAlgorithm.isExactly(algorithm.rawValue) {
            throw JOSEError(.keyAlgorithmMismatch, "\(keyDescription) is for alg \(keyAlgorithm.logSafeQuoted), the token uses \(algorithm.rawValue)")
        }
        switch material {
        case .ec(let key):
            guard key.curve == algorithm.curve else {
                throw JOSEError(.keyCurveMismatch, "\(algorithm.rawValue) needs curve \(algorithm.curve?.rawValue ?? "?"); \(keyDescription) is on \(key.curve.rawValue)")
            }
        case .octet(let secret):
            guard secret.count >= algorithm.digest.digestByteCount else {
                throw JOSEError(.keyTooShort, "\(keyDescription) secret is \(secret.count) bytes; \(algorithm.rawValue) needs at least \(algorithm.digest.digestByteCount)")
            }
        case .rsa:
            break
        }
    }

    /// Whether ``checkCanVerify(_:)`` passes for `algorithm`.
    public func canVerify(_ algorithm: JWSAlgorithm) -> Bool {
        do {
            try checkCanVerify(algorithm)
            return true
        } catch {
            return false
        }
    }

    /// "key \"kid\"" or "the key without kid", for messages.
    var keyDescription: String {
        if let keyID { return "key \(keyID.logSafeQuoted)" }
        return "the key without kid"
    }
}
