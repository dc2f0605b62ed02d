/// An odd prime modulus `m` with the constants Montgomery arithmetic needs, all known at compile
/// time so the generic routines in `ModularInteger` specialise into straight-line code per curve.
///
/// With `R = 2^(64·count)`, a residue `a` is stored as `a·R mod m`. Each curve has two moduli:
/// its field prime `p` and its group order `n`.
protocol MontgomeryModulus: Sendable {
    /// The limb storage of residues modulo this modulus.
    associatedtype Limbs: LimbStorage
    /// `m`, least significant limb first.
    static var modulus: Limbs { get }
    /// `−m⁻¹ mod 2⁶⁴`.
    static var negativeInverse: UInt64 { get }
    /// `R² mod m`, used to bring canonical integers into Montgomery form.
    static var rSquared: Limbs { get }

    /// The Montgomery product `a·b·R⁻¹ mod m` of `a, b < m`, fully reduced. The default is the
    /// generic `montgomeryMultiply`; a modulus may supply a faster routine for its own shape.
    static func montgomeryProduct(_ a: Limbs, _ b: Limbs) -> Limbs
    /// The Montgomery square `a²·R⁻¹ mod m` of `a < m`, fully reduced (default: the product).
    static func montgomerySquare(_ a: Limbs) -> Limbs
    /// `a + b mod m` for `a, b < m`.
    static func modularSum(_ a: Limbs, _ b: Limbs) -> Limbs
    /// `a − b mod m` for `a, b < m`.
    static func modularDifference(_ a: Limbs, _ b: Limbs) -> Limbs
}

/// The generic defaults, for any limb count (four-limb moduli use `FourLimbArithmetic.swift`).
extension MontgomeryModulus {
    @inline(__always)
    static func montgomeryProduct(_ a: Limbs, _ b: Limbs) -> Limbs {
        var result = Limbs()
        result.withMutableLimbs { r in
            a.withLimbs { a in
                b.withLimbs { b in
                    modulus.withLimbs { m in
                        montgomeryMultiply(r, a, b, modulus: m, negativeInverse: negativeInverse, count: Limbs.count)
                    }
                }
            }
        }
        return result
    }

    @inline(__always)
    static func montgomerySquare(_ a: Limbs) -> Limbs { montgomeryProduct(a, a) }

    @inline(__always)
    static func modularSum(_ a: Limbs, _ b: Limbs) -> Limbs {
        var result = Limbs()
        result.withMutableLimbs { r in
            a.withLimbs { a in
                b.withLimbs { b in
                    modulus.withLimbs { m in
                        let carry = addLimbs(r, a, b, count: Limbs.count)
                        reduceOnce(r, carry: carry, modulus: m, count: Limbs.count)
                    }
                }
            }
        }
        return result
    }

    @inline(__always)
    static func modularDifference(_ a: Limbs, _ b: Limbs) -> Limbs {
        var result = Limbs()
        result.withMutableLimbs { r in
            a.withLimbs { a in
                b.withLimbs { b in
                    modulus.withLimbs { m in
                        let borrow = subtractLimbs(r, a, b, count: Limbs.count)
                        addBackModulus(r, borrow: borrow, modulus: m, count: Limbs.count)
                    }
                }
            }
        }
        return result
    }
}

/// The P-256 field prime `p = 2²⁵⁶ − 2²²⁴ + 2¹⁹² + 2⁹⁶ − 1` (FIPS 186-5 / SEC 2).
enum P256FieldModulus: MontgomeryModulus {
    @inline(__always) static var modulus: Limbs4 {
        Limbs4(0xffff_ffff_ffff_ffff, 0x0000_0000_ffff_ffff, 0x0000_0000_0000_0000, 0xffff_ffff_0000_0001)
    }
    @inline(__always) static var negativeInverse: UInt64 { 0x0000_0000_0000_0001 }
    @inline(__always) static var rSquared: Limbs4 {
        Limbs4(0x0000_0000_0000_0003, 0xffff_fffb_ffff_ffff, 0xffff_ffff_ffff_fffe, 0x0000_0004_ffff_fffd)
    }
    /// Uses the reduction specialised to the shape of `p` (see ``P256FieldArithmetic``).
    @inline(__always) static func montgomeryProduct(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        P256FieldArithmetic.multiply(a, b)
    }
    /// A dedicated squaring (10 limb products instead of 16).
    @inline(__always) static func montgomerySquare(_ a: Limbs4) -> Limbs4 { P256FieldArithmetic.square(a) }
}

/// The order `n` of the P-256 base point.
enum P256OrderModulus: MontgomeryModulus {
    @inline(__always) static var modulus: Limbs4 {
        Limbs4(0xf3b9_cac2_fc63_2551, 0xbce6_faad_a717_9e84, 0xffff_ffff_ffff_ffff, 0xffff_ffff_0000_0000)
    }
    @inline(__always) static var negativeInverse: UInt64 { 0xccd1_c8aa_ee00_bc4f }
    @inline(__always) static var rSquared: Limbs4 {
        Limbs4(0x8324_4c95_be79_eea2, 0x4699_799c_49bd_6fa6, 0x2845_b239_2b6b_ec59, 0x66e1_2d94_f3d9_5620)
    }
}

/// The P-384 field prime `p = 2³⁸⁴ − 2¹²⁸ − 2⁹⁶ + 2³² − 1` (FIPS 186-5 / SEC 2).
enum P384FieldModulus: MontgomeryModulus {
    @inline(__always) static var modulus: Limbs6 {
        Limbs6(
            0x0000_0000_ffff_ffff, 0xffff_ffff_0000_0000, 0xffff_ffff_ffff_fffe,
            0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff)
    }
    @inline(__always) static var negativeInverse: UInt64 { 0x0000_0001_0000_0001 }
    @inline(__always) static var rSquared: Limbs6 {
        Limbs6(
            0xffff_fffe_0000_0001, 0x0000_0002_0000_0000, 0xffff_fffe_0000_0000,
            0x0000_0002_0000_0000, 0x0000_0000_0000_0001, 0x0000_0000_0000_0000)
    }
}

/// The order `n` of the P-384 base point.
enum P384OrderModulus: MontgomeryModulus {
    @inline(__always) static var modulus: Limbs6 {
        Limbs6(
            0xecec_196a_ccc5_2973, 0x581a_0db2_48b0_a77a, 0xc763_4d81_f437_2ddf,
            0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff)
    }
    @inline(__always) static var negativeInverse: UInt64 { 0x6ed4_6089_e88f_dc45 }
    @inline(__always) static var rSquared: Limbs6 {
        Limbs6(
            0x2d31_9b24_19b4_09a9, 0xff3d_81e5_df1a_a419, 0xbc3e_483a_fcb8_2947,
            0xd40d_4917_4aab_1cc5, 0x3fb0_5b7a_2826_6895, 0x0c84_ee01_2b39_bf21)
    }
}
