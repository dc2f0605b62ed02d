/// A finite point `(x, y)` of a curve in affine coordinates (never the point at infinity).
struct AffinePoint<Curve: PrimeCurve>: Sendable, Equatable {
    var x: FieldElement<Curve>
    var y: FieldElement<Curve>

    /// Whether `y² = x³ − 3x + b`.
    var isOnCurve: Bool {
        let xSquared = x.squared()
        let threeX = x.doubled() + x
        let rightHandSide = (xSquared * x) - threeX + Curve.constants.b
        return y.squared() == rightHandSide
    }

    /// `−P = (x, −y)`.
    @inline(__always)
    func negated() -> Self { Self(x: x, y: y.negated()) }

    /// `P, 3P, 5P, …, (2·count − 1)P` in affine form (one field inversion in total).
    /// `P` must have prime order greater than `2·count`, so no multiple is the point at infinity.
    static func oddMultiples(of point: Self, count: Int) -> [Self] {
        var jacobian = [JacobianPoint(point)]
        jacobian.reserveCapacity(count)
        let twice = JacobianPoint(point).doubled()
        while jacobian.count < count {
            jacobian.append(jacobian[jacobian.count &- 1].adding(twice))
        }
        return JacobianPoint.normalize(jacobian)
    }
}

/// A point in Jacobian coordinates: `(X, Y, Z)` stands for `(X/Z², Y/Z³)`; `Z = 0` is the point at
/// infinity. The addition routines handle every special case (either input at infinity, `P + P`,
/// `P + (−P)`), so callers need no preconditions. They branch on the data: verification handles
/// public values only.
struct JacobianPoint<Curve: PrimeCurve>: Sendable {
    var x: FieldElement<Curve>
    var y: FieldElement<Curve>
    var z: FieldElement<Curve>

    /// The point at infinity (the group identity).
    static var infinity: Self { Self(x: .one, y: .one, z: .zero) }

    @inline(__always)
    init(x: FieldElement<Curve>, y: FieldElement<Curve>, z: FieldElement<Curve>) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The Jacobian form `(x, y, 1)` of an affine point.
    init(_ affine: AffinePoint<Curve>) { self.init(x: affine.x, y: affine.y, z: .one) }

    /// Whether this is the point at infinity.
    @inline(__always)
    var isInfinity: Bool { z.isZero }

    /// `2P` for `a = −3` ("dbl-2001-b", Bernstein–Lange Explicit-Formulas Database, with
    /// `Z3 = 2·Y·Z` computed directly: 4M + 4S). The database's `(Y + Z)² − γ − δ` trades that
    /// multiplication for a squaring and three additions, which costs more here, where an
    /// addition is a fifth of a multiplication. Doubling the point at infinity gives `Z = 0`
    /// again; no finite point of these prime-order curves has `y = 0`.
    @inline(__always)
    func doubled() -> Self {
        let delta = z.squared()
        let gamma = y.squared()
        let beta = x * gamma
        let t = (x - delta) * (x + delta)
        let alpha = t.doubled() + t
        let fourBeta = beta.doubled().doubled()
        let x3 = alpha.squared() - fourBeta.doubled()
        let z3 = (y * z).doubled()
        let eightGammaSquared = gamma.squared().doubled().doubled().doubled()
        let y3 = alpha * (fourBeta - x3) - eightGammaSquared
        return Self(x: x3, y: y3, z: z3)
    }

    /// `P + Q` for two Jacobian points ("add-2007-bl": 11M + 5S), complete by explicit checks.
    func adding(_ other: Self) -> Self {
        if isInfinity { return other }
        if other.isInfinity { return self }
        let z1z1 = z.squared()
        let z2z2 = other.z.squared()
        let u1 = x * z2z2
        let u2 = other.x * z1z1
        let s1 = y * other.z * z2z2
        let s2 = other.y * z * z1z1
        let h = u2 - u1
        let sDifference = s2 - s1
        if h.isZero {
            // Same x: either the same point (double it) or opposite points (sum is infinity).
            return sDifference.isZero ? doubled() : .infinity
        }
        let i = h.doubled().squared()
        let j = h * i
        let r = sDifference.doubled()
        let v = u1 * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (s1 * j).doubled()
        let z3 = ((z + other.z).squared() - z1z1 - z2z2) * h
        return Self(x: x3, y: y3, z: z3)
    }

    /// `P + Q` for an affine `Q` ("madd-2007-bl": 7M + 4S), complete by explicit checks.
    @inline(__always)
    func adding(_ other: AffinePoint<Curve>) -> Self {
        if isInfinity { return Self(other) }
        let z1z1 = z.squared()
        let u2 = other.x * z1z1
        let s2 = other.y * z * z1z1
        let h = u2 - x
        let sDifference = s2 - y
        if h.isZero {
            return sDifference.isZero ? doubled() : .infinity
        }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let r = sDifference.doubled()
        let v = x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (y * j).doubled()
        let z3 = (z + h).squared() - z1z1 - hh
        return Self(x: x3, y: y3, z: z3)
    }

    /// The affine form, or `nil` for the point at infinity.
    var affine: AffinePoint<Curve>? {
        guard !isInfinity else { return nil }
        let zInverse = z.inverse()
        let zInverseSquared = zInverse.squared()
        return AffinePoint(x: x * zInverseSquared, y: y * zInverseSquared * zInverse)
    }

    /// The affine forms of finite points with one field inversion in total (Montgomery's trick).
    /// Every point must be finite.
    static func normalize(_ points: [Self]) -> [AffinePoint<Curve>] {
        guard !points.isEmpty else { return [] }
        // prefix[i] = z₀·z₁·…·zᵢ
        var prefix = [FieldElement<Curve>]()
        prefix.reserveCapacity(points.count)
        var running = FieldElement<Curve>.one
        for point in points {
            running = running * point.z
            prefix.append(running)
        }
        var inverse = running.inverse()  // (z₀·…·zₖ)⁻¹
        var result = [AffinePoint<Curve>](
            repeating: AffinePoint(x: .zero, y: .zero), count: points.count)
        var index = points.count &- 1
        while index >= 0 {
            let zInverse = index > 0 ? inverse * prefix[index &- 1] : inverse
            inverse = inverse * points[index].z
            let zInverseSquared = zInverse.squared()
            result[index] = AffinePoint(
                x: points[index].x * zInverseSquared, y: points[index].y * zInverseSquared * zInverse)
            index &-= 1
        }
        return result
    }
}
