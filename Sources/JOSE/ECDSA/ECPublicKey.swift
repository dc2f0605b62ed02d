/// An ECDSA public key on P-256 or P-384, validated when it is created, for verifying JWS
/// `ES256` / `ES384` signatures.
///
/// A key that exists is a finite point on its curve: the coordinates have exactly
/// ``ECCurve/coordinateByteCount`` bytes, are below the field prime, and satisfy the curve
/// equation. Creating a key also precomputes small multiples of the point, so keep and reuse key
/// values (a JWK Set loads each key once) rather than rebuilding them per token.
///
/// ```swift
/// let key = try ECPublicKey(curve: .p256, x: Base64URL.decode(jwk.x), y: Base64URL.decode(jwk.y))
/// let ok = key.isValidSignature(signatureBytes, for: Array(signingInput.utf8), digest: .sha256)
/// ```
public struct ECPublicKey: Sendable, Hashable {
    /// The curve the key lies on.
    public let curve: ECCurve
    /// The affine `x` coordinate, exactly ``ECCurve/coordinateByteCount`` big-endian bytes.
    public let x: [UInt8]
    /// The affine `y` coordinate, exactly ``ECCurve/coordinateByteCount`` big-endian bytes.
    public let y: [UInt8]
    /// The decoded point and its precomputed multiples.
    let point: CurveSpecificPoint

    /// The decoded point of the key's own curve.
    enum CurveSpecificPoint: Sendable {
        case p256(ECDSAPublicPoint<P256>)
        case p384(ECDSAPublicPoint<P384>)
    }

    /// Loads and validates a public key from its affine coordinates (the JWK `x` and `y` members
    /// after base64url decoding).
    ///
    /// - Throws: ``ECKeyError`` with `.invalidCoordinateLength` unless each coordinate has exactly
    ///   ``ECCurve/coordinateByteCount`` bytes (no leading zero is stripped or added),
    ///   `.coordinateOutOfRange` if one is not below `p`, `.pointNotOnCurve` otherwise if the
    ///   point is not on the curve.
    public init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(ECKeyError) {
        guard x.count == curve.coordinateByteCount, y.count == curve.coordinateByteCount else {
            throw ECKeyError(.invalidCoordinateLength)
        }
        switch curve {
        case .p256: point = .p256(try ECDSAPublicPoint(x: x, y: y))
        case .p384: point = .p384(try ECDSAPublicPoint(x: x, y: y))
        }
        self.curve = curve
        self.x = x
        self.y = y
    }

    /// Loads and validates a public key from the uncompressed SEC 1 / X9.63 encoding `04‖X‖Y`.
    ///
    /// - Throws: ``ECKeyError`` with `.pointAtInfinity` for the one-byte encoding `00`,
    ///   `.malformedEncoding` for any other prefix or length (compressed points are not accepted),
    ///   and otherwise the errors of ``init(curve:x:y:)``.
    public init(curve: ECCurve, x963Representation bytes: [UInt8]) throws(ECKeyError) {
        if bytes == [0] { throw ECKeyError(.pointAtInfinity) }
        let size = curve.coordinateByteCount
        guard bytes.count == 1 &+ 2 &* size, bytes.first == 0x04 else { throw ECKeyError(.malformedEncoding) }
        try self.init(
            curve: curve, x: Array(bytes[1...size]), y: Array(bytes[(1 &+ size)...]))
    }

    /// Wraps a point known to be a finite point of `Curve` (a derived public key).
    init<Curve: PrimeCurve>(validated point: AffinePoint<Curve>) {
        curve = Curve.curve
        x = point.x.canonicalBytes
        y = point.y.canonicalBytes
        self.point = Curve.wrap(ECDSAPublicPoint(validated: point))
    }

    /// The uncompressed encoding `04‖X‖Y`.
    public var x963Representation: [UInt8] { [0x04] + x + y }

    /// Two keys are equal when they are the same point on the same curve.
    public static func == (lhs: ECPublicKey, rhs: ECPublicKey) -> Bool {
        lhs.curve == rhs.curve && lhs.x == rhs.x && lhs.y == rhs.y
    }

    /// Hashes the curve and coordinates.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(curve)
        hasher.combine(x)
        hasher.combine(y)
    }
}

/// A validated public point with the odd multiples the verifier adds during the double-scalar
/// multiplication (computed once, at key load).
struct ECDSAPublicPoint<Curve: PrimeCurve>: Sendable {
    /// The wNAF width used for the public key's half of `u1·G + u2·Q`.
    static var windowWidth: Int { 7 }

    /// `Q, 3Q, 5Q, …`, `2^(windowWidth−2)` points.
    let oddMultiples: [AffinePoint<Curve>]

    /// The key point `Q` itself.
    var point: AffinePoint<Curve> { oddMultiples[0] }

    /// Validates the coordinates (each exactly the field size, below `p`, on the curve).
    init(x: [UInt8], y: [UInt8]) throws(ECKeyError) {
        let size = FieldElement<Curve>.Limbs.byteCount
        guard x.count == size, y.count == size else { throw ECKeyError(.invalidCoordinateLength) }
        guard let xElement = FieldElement<Curve>(canonicalBytes: x),
            let yElement = FieldElement<Curve>(canonicalBytes: y)
        else { throw ECKeyError(.coordinateOutOfRange) }
        let point = AffinePoint<Curve>(x: xElement, y: yElement)
        guard point.isOnCurve else { throw ECKeyError(.pointNotOnCurve) }
        self.init(validated: point)
    }

    /// Wraps a point already known to be a finite point of the curve.
    init(validated point: AffinePoint<Curve>) {
        oddMultiples = AffinePoint.oddMultiples(of: point, count: 1 &<< (Self.windowWidth &- 2))
    }
}
