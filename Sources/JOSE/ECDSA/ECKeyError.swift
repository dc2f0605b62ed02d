/// Why an elliptic-curve key could not be loaded.
///
/// ```swift
/// do {
///     let key = try ECPublicKey(curve: .p256, x: x, y: y)
/// } catch {
///     switch error.reason {
///     case .pointNotOnCurve: print("forged or corrupted key")
///     default: print(error)
///     }
/// }
/// ```
public struct ECKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable cause.
    public enum Reason: Sendable, Equatable {
        /// A coordinate or scalar does not have exactly the curve's coordinate size in bytes.
        case invalidCoordinateLength
        /// A coordinate is not below the field prime `p`.
        case coordinateOutOfRange
        /// The coordinates do not satisfy the curve equation.
        case pointNotOnCurve
        /// The encoding names the point at infinity, which is never a valid public key.
        case pointAtInfinity
        /// A private scalar is not in `[1, n − 1]` or has the wrong length.
        case invalidScalar
        /// An encoded point is not the uncompressed form `04‖X‖Y` of the right length.
        case malformedEncoding
        /// A private key's JWK, SEC 1 or PKCS #8 encoding is malformed (structure, version,
        /// algorithm, PEM label, a missing or non-base64url member, or `kty` not `EC`).
        case malformedPrivateKey
        /// The encoding names a curve other than P-256 and P-384.
        case unsupportedCurve
        /// The public key stored next to the private scalar is not `d·G`.
        case publicKeyMismatch
    }

    /// The machine-readable cause.
    public var reason: Reason

    /// Creates an error with the given cause.
    public init(_ reason: Reason) { self.reason = reason }

    /// A short human-readable explanation.
    public var description: String {
        switch reason {
        case .invalidCoordinateLength: "EC key coordinate or scalar has the wrong length for the curve"
        case .coordinateOutOfRange: "EC public key coordinate is not below the field prime"
        case .pointNotOnCurve: "EC public key point is not on the curve"
        case .pointAtInfinity: "EC public key is the point at infinity"
        case .invalidScalar: "EC private key scalar is not in [1, n-1]"
        case .malformedEncoding: "EC public key is not an uncompressed point 04||X||Y"
        case .malformedPrivateKey: "EC private key encoding (JWK, SEC 1 or PKCS #8) is malformed"
        case .unsupportedCurve: "EC key curve is not supported (P-256 and P-384 are)"
        case .publicKeyMismatch: "EC private key's stored public key does not match its scalar"
        }
    }
}
