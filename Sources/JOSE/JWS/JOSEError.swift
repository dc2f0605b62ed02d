/// Why a token, a key or a key set was refused.
///
/// `reason` is for programs (metrics labels, problem types, the `entra-auth verify` output);
/// `description` is a short sentence for people. Descriptions never contain the token or key
/// material, only names and sizes, so they are safe to log.
///
/// ```swift
/// do {
///     let verified = try verifier.verify(token)
/// } catch {
///     switch error.reason {
///     case .keyNotFound: keyCache.refreshSoon()
///     case .invalidSignature, .algorithmNotAllowed: metrics.count(error.reason)
///     default: break
///     }
/// }
/// ```
public struct JOSEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for a program to switch on. The raw value is the case name.
    public enum Reason: String, Sendable, CaseIterable {
        // MARK: Token shape
        /// Not a three-part compact JWS (wrong number of `.`, an empty header or signature, …).
        case malformed
        /// The token is longer than the verifier's limit (checked before any decoding).
        case tooLarge
        /// A five-part compact JWE, or a header with `enc`: encrypted tokens are not accepted.
        case isJWE
        /// A part is not strict unpadded base64url (RFC 7515 §2).
        case invalidBase64URL
        /// The header or payload is not a valid JSON object (see ``JSONError``).
        case invalidJSON
        /// The header or payload repeats a member name.
        case duplicateMember
        /// A header member has the wrong type (`alg` not a string, `kid` not a string or too long, …).
        case invalidHeader

        // MARK: Algorithm and header policy
        /// `alg` is `none` (in any spelling): unsecured tokens are always refused.
        case algorithmNone
        /// `alg` names an algorithm this library does not implement (ES512, EdDSA, …) or does not know.
        case unsupportedAlgorithm
        /// `alg` is supported but not on the caller's allow-list.
        case algorithmNotAllowed
        /// `crit` is present: this verifier implements no JWS extensions.
        case unknownCritical
        /// `b64: false` (RFC 7797 unencoded payload), which this verifier does not support.
        case unencodedPayload
        /// `cty: JWT`: nested tokens are not supported.
        case nestedToken
        /// The header carries key material or a key location (`jwk`, `jku`, `x5u`, `x5c`), which is never trusted.
        case embeddedKey

        // MARK: Keys
        /// No key in the set matches the token's `kid` (or, without `kid`, its algorithm).
        case keyNotFound
        /// More than one key could verify the token, and the verifier never guesses.
        case ambiguousKey
        /// The key's type (RSA, EC, oct) is not the family of the token's algorithm.
        case keyTypeMismatch
        /// The key's `alg` differs from the token's `alg`.
        case keyAlgorithmMismatch
        /// The key's `use` is not `sig`, or its `key_ops` lack `verify`.
        case keyUseMismatch
        /// The EC key's curve is not the one the token's algorithm requires.
        case keyCurveMismatch
        /// The HMAC secret is empty or shorter than the hash output (RFC 7518 §3.2).
        case keyTooShort
        /// The key matching `kid` was refused when the key set was loaded (see ``JWKSet/rejectedKeys``).
        case keyRejected
        /// A JWK is malformed or its material is invalid (bad encoding, small modulus, point not on the curve, …).
        case invalidKey
        /// The key type or curve is not supported (`OKP`, `P-521`, …).
        case unsupportedKey
        /// A key set meant for verification contains private RSA or EC key material.
        case privateKeyMaterial
        /// A key set mixes `oct` secrets with public RSA or EC keys.
        case mixedKeySet

        // MARK: Signature
        /// The signature does not verify with the selected key (includes wrong signature lengths).
        case invalidSignature
    }

    /// What was wrong.
    public var reason: Reason
    /// A short explanation for people; never contains token or key bytes.
    public var message: String

    /// An error with a reason and an explanation.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `reason: message`, e.g. `algorithmNotAllowed: alg "HS256" is not on the allow-list`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
