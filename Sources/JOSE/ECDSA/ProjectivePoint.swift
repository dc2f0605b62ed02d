/// A point in homogeneous projective coordinates `(X : Y : Z)` standing for `(X/Z, Y/Z)`, with the
/// point at infinity `(0 : 1 : 0)`, combined by the complete addition law of Renes, Costello and
/// Batina ("Complete addition formulas for prime order elliptic curves", EUROCRYPT 2016,
/// Algorithm 4 for `a = −3`).
///
/// The law has no exceptional cases — the same operations add distinct points, double a point,
/// and handle the identity — so code built on it runs the same instruction sequence for every
/// input. The signing path uses it for `k·G` with the secret nonce `k`, and for deriving public
/// keys; verification uses the faster ``JacobianPoint`` formulas instead.
struct ProjectivePoint<Curve: PrimeCurve>: Sendable {
    var x: FieldElement<Curve>
    var y: FieldElement<Curve>
    var z: FieldElement<Curve>

    /// The point at infinity `(0 : 1 : 0)`.
    static var infinity: Self { Self(x: .zero, y: .one, z: .zero) }

    init(x: FieldElement<Curve>, y: FieldElement<Curve>, z: FieldElement<Curve>) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The projective form `(x : y : 1)` of an affine point.
    init(_ affine: AffinePoint<Curve>) { self.init(x: affine.x, y: affine.y, z: .one) }

    /// `P + Q` for any two points, including `P = Q`, `P = −Q` and either at infinity
    /// (12M + 2 multiplications by `b` + 29 additions; no branches).
    @inline(__always)
    func adding(_ other: Self) -> Self { adding(other, curveB: Curve.constants.b) }

    /// `P + Q` given the curve coefficient `b` in Montgomery form (so the curve constants can
    /// use the law while they are being computed).
    func adding(_ other: Self, curveB b: FieldElement<Curve>) -> Self {
        var t0 = x * other.x
        var t1 = y * other.y
        var t2 = z * other.z
        var t3 = x + y
        var t4 = other.x + other.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = y + z
        var x3 = other.y + other.z
        t4 = t4 * x3
        x3 = t1 + t2
        t4 = t4 - x3
        x3 = x + z
        var y3 = other.x + other.z
        x3 = x3 * y3
        y3 = t0 + t2
        y3 = x3 - y3
        var z3 = b * t2
        x3 = y3 - z3
        z3 = x3 + x3
        x3 = x3 + z3
        z3 = t1 - x3
        x3 = t1 + x3
        y3 = b * y3
        t1 = t2 + t2
        t2 = t1 + t2
        y3 = y3 - t2
        y3 = y3 - t0
        t1 = y3 + y3
        y3 = t1 + y3
        t1 = t0 + t0
        t0 = t1 + t0
        t0 = t0 - t2
        t1 = t4 * y3
        t2 = t0 * y3
        y3 = x3 * z3
        y3 = y3 + t2
        x3 = t3 * x3
        x3 = x3 - t1
        z3 = t4 * z3
        t1 = t3 * t0
        z3 = z3 + t1
        return Self(x: x3, y: y3, z: z3)
    }

    /// `2P` by the same complete law.
    @inline(__always)
    func doubled() -> Self { adding(self) }

    /// Replaces `self` with `other` when `mask` is all ones and keeps it when `mask` is zero,
    /// without branching on `mask`.
    mutating func assign(_ other: Self, ifMask mask: UInt64) {
        x.assign(other.x, ifMask: mask)
        y.assign(other.y, ifMask: mask)
        z.assign(other.z, ifMask: mask)
    }

    /// The affine form, or `nil` for the point at infinity (branches only on that outcome).
    var affine: AffinePoint<Curve>? {
        guard !z.isZero else { return nil }
        let zInverse = z.inverse()
        return AffinePoint(x: x * zInverse, y: y * zInverse)
    }
}

extension ModularInteger {
    /// Replaces `self` with `other` when `mask` is all ones and keeps it when `mask` is zero,
    /// without branching on `mask`.
    @inline(__always)
    mutating func assign(_ other: Self, ifMask mask: UInt64) {
        montgomeryLimbs.withMutableLimbs { target in
            other.montgomeryLimbs.withLimbs { source in
                var index = 0
                while index < Limbs.count {
                    target[index] = (source[index] & mask) | (target[index] & ~mask)
                    index &+= 1
                }
            }
        }
    }
}
