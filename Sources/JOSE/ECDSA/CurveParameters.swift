/// A short-Weierstrass curve `y² = x³ − 3x + b` over a prime field, of prime order (cofactor 1),
/// as P-256 and P-384 are (FIPS 186-5, SEC 2). Conformers are caseless enums; all arithmetic is
/// generic over this protocol and specialised per curve.
protocol PrimeCurve: Sendable {
    /// The field prime `p`.
    associatedtype FieldModulus: MontgomeryModulus
    /// The group order `n` (same limb count as `p`).
    associatedtype OrderModulus: MontgomeryModulus where OrderModulus.Limbs == FieldModulus.Limbs

    /// The public name of the curve.
    static var curve: ECCurve { get }
    /// The coefficient `b`, canonical (not Montgomery) limbs.
    static var canonicalB: FieldModulus.Limbs { get }
    /// The base point's `x`, canonical limbs.
    static var canonicalGeneratorX: FieldModulus.Limbs { get }
    /// The base point's `y`, canonical limbs.
    static var canonicalGeneratorY: FieldModulus.Limbs { get }
    /// Derived constants, computed once on first use (a `static let` in each conformer, so the
    /// initialisation is lazy and thread-safe).
    static var constants: CurveConstants<Self> { get }

    /// Wraps a validated public point of this curve for ``ECPublicKey``.
    static func wrap(_ point: ECDSAPublicPoint<Self>) -> ECPublicKey.CurveSpecificPoint
    /// Wraps a validated private scalar of this curve for ``ECPrivateKey``.
    static func wrap(_ scalar: Scalar<Self>) -> ECPrivateKey.CurveSpecificScalar
}

/// An element of a curve's base field.
typealias FieldElement<Curve: PrimeCurve> = ModularInteger<Curve.FieldModulus>
/// An integer modulo a curve's group order.
typealias Scalar<Curve: PrimeCurve> = ModularInteger<Curve.OrderModulus>

/// The constants of a curve in the form the arithmetic uses, computed once per process.
struct CurveConstants<Curve: PrimeCurve>: Sendable {
    /// `b` in Montgomery form.
    let b: FieldElement<Curve>
    /// The base point `G`.
    let generator: AffinePoint<Curve>
    /// `G, 3G, 5G, …, (2·count − 1)G` in affine form, for the base point's half of the
    /// double-scalar multiplication (wNAF window `generatorWindowWidth`).
    let generatorOddMultiples: [AffinePoint<Curve>]

    /// `0·G (∞), 1·G, 2·G, …, 15·G` in projective form, for the constant-time fixed-window
    /// multiplication the signing code uses.
    let generatorSmallMultiples: [ProjectivePoint<Curve>]

    /// The wNAF width used with `generatorOddMultiples` (digits are odd, |digit| < 2^(width−1)).
    static var generatorWindowWidth: Int { 10 }

    /// Computes the constants from the canonical curve description.
    init() {
        b = FieldElement<Curve>(reduced: Curve.canonicalB)
        generator = AffinePoint(
            x: FieldElement<Curve>(reduced: Curve.canonicalGeneratorX),
            y: FieldElement<Curve>(reduced: Curve.canonicalGeneratorY))
        generatorOddMultiples = AffinePoint.oddMultiples(
            of: generator, count: 1 &<< (Self.generatorWindowWidth &- 2))
        var smallMultiples = [ProjectivePoint<Curve>.infinity]
        let projectiveGenerator = ProjectivePoint(generator)
        while smallMultiples.count < 16 {
            smallMultiples.append(
                smallMultiples[smallMultiples.count &- 1].adding(projectiveGenerator, curveB: b))
        }
        generatorSmallMultiples = smallMultiples
    }
}

/// NIST P-256.
enum P256: PrimeCurve {
    typealias FieldModulus = P256FieldModulus
    typealias OrderModulus = P256OrderModulus
    static var curve: ECCurve { .p256 }
    static var canonicalB: Limbs4 {
        Limbs4(0x3bce_3c3e_27d2_604b, 0x651d_06b0_cc53_b0f6, 0xb3eb_bd55_7698_86bc, 0x5ac6_35d8_aa3a_93e7)
    }
    static var canonicalGeneratorX: Limbs4 {
        Limbs4(0xf4a1_3945_d898_c296, 0x7703_7d81_2deb_33a0, 0xf8bc_e6e5_63a4_40f2, 0x6b17_d1f2_e12c_4247)
    }
    static var canonicalGeneratorY: Limbs4 {
        Limbs4(0xcbb6_4068_37bf_51f5, 0x2bce_3357_6b31_5ece, 0x8ee7_eb4a_7c0f_9e16, 0x4fe3_42e2_fe1a_7f9b)
    }
    static let constants = CurveConstants<P256>()
    static func wrap(_ point: ECDSAPublicPoint<P256>) -> ECPublicKey.CurveSpecificPoint { .p256(point) }
    static func wrap(_ scalar: Scalar<P256>) -> ECPrivateKey.CurveSpecificScalar { .p256(scalar) }
}

/// NIST P-384.
enum P384: PrimeCurve {
    typealias FieldModulus = P384FieldModulus
    typealias OrderModulus = P384OrderModulus
    static var curve: ECCurve { .p384 }
    static var canonicalB: Limbs6 {
        Limbs6(
            0x2a85_c8ed_d3ec_2aef, 0xc656_398d_8a2e_d19d, 0x0314_088f_5013_875a,
            0x181d_9c6e_fe81_4112, 0x988e_056b_e3f8_2d19, 0xb331_2fa7_e23e_e7e4)
    }
    static var canonicalGeneratorX: Limbs6 {
        Limbs6(
            0x3a54_5e38_7276_0ab7, 0x5502_f25d_bf55_296c, 0x59f7_41e0_8254_2a38,
            0x6e1d_3b62_8ba7_9b98, 0x8eb1_c71e_f320_ad74, 0xaa87_ca22_be8b_0537)
    }
    static var canonicalGeneratorY: Limbs6 {
        Limbs6(
            0x7a43_1d7c_90ea_0e5f, 0x0a60_b1ce_1d7e_819d, 0xe9da_3113_b5f0_b8c0,
            0xf8f4_1dbd_289a_147c, 0x5d9e_98bf_9292_dc29, 0x3617_de4a_9626_2c6f)
    }
    static let constants = CurveConstants<P384>()
    static func wrap(_ point: ECDSAPublicPoint<P384>) -> ECPublicKey.CurveSpecificPoint { .p384(point) }
    static func wrap(_ scalar: Scalar<P384>) -> ECPrivateKey.CurveSpecificScalar { .p384(scalar) }
}
