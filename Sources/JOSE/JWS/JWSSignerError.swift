/// Why a ``JWSSigner`` could not be created.
///
/// ```swift
/// do {
///     _ = try JWSSigner(key: .ec(ecKey), algorithm: .rs256, keyID: "k1")
/// } catch {
///     error.reason   // .algorithmKeyMismatch
/// }
/// ```
public struct JWSSignerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for a program to switch on. The raw value is the case name.
    public enum Reason: String, Sendable, CaseIterable {
        /// The algorithm's family or curve does not fit the key (ES256 with an RSA key, ES384 with a P-256 key, …).
        case algorithmKeyMismatch
        /// The algorithm is not a private-key signature (`HS*`): the signer does not do MACs.
        case unsupportedAlgorithm
        /// An extra header member names one the signer sets itself (`alg`, `typ`, `kid`, `x5t`),
        /// or one that would make verifiers refuse or misread the token (`crit`, `b64`, `enc`, `jwk`, …).
        case reservedHeaderMember
    }

    /// What was wrong.
    public var reason: Reason
    /// A short sentence for people (never contains key material).
    public var message: String

    /// An error with `reason` and `message`.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
