/// The inner loops of Montgomery arithmetic over raw limb buffers: multiplication (CIOS),
/// dedicated squaring, reduction of a double-width value, and entry to / exit from the
/// Montgomery domain.
///
/// Every product goes through `UInt128` (`UInt128(a) &* UInt128(b) &+ …`), which compiles to one
/// 64×64→128 multiply and add-with-carry chains; on this machine that was 6.6× faster than
/// `multipliedFullWidth` with `addingReportingOverflow` (DESIGN.md, performance notes).
///
/// A kernel borrows its pointers from ``MontgomeryModulus/withKernel(_:)`` and must not escape
/// that closure. Inputs are `count`-limb values below `n`; outputs are fully reduced (below `n`).
/// Output buffers may alias inputs; none may alias `scratch`.
struct MontgomeryKernel {
    let modulus: UnsafePointer<UInt64>
    let rSquared: UnsafePointer<UInt64>
    let negatedInverse: UInt64
    let count: Int
    /// At least `2·count + 2` limbs.
    let scratch: UnsafeMutablePointer<UInt64>

    /// `result = a·b·R⁻¹ mod n` (coarsely integrated operand scanning).
    @inline(__always)
    func multiply(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        let t = scratch
        let count = count
        let n0 = negatedInverse
        t.update(repeating: 0, count: count + 1)
        for i in 0..<count {
            let ai = UInt128(a[i])
            // First column: fix the reduction factor so that the lowest limb cancels.
            let p0 = ai &* UInt128(b[0]) &+ UInt128(t[0])
            let low0 = UInt64(truncatingIfNeeded: p0)
            let m = low0 &* n0
            let mWide = UInt128(m)
            let q0 = mWide &* UInt128(n[0]) &+ UInt128(low0)
            var productCarry = UInt64(truncatingIfNeeded: p0 >> 64)
            var reductionCarry = UInt64(truncatingIfNeeded: q0 >> 64)
            var j = 1
            while j < count {
                let p = ai &* UInt128(b[j]) &+ UInt128(t[j]) &+ UInt128(productCarry)
                productCarry = UInt64(truncatingIfNeeded: p >> 64)
                let q = mWide &* UInt128(n[j]) &+ UInt128(UInt64(truncatingIfNeeded: p)) &+ UInt128(reductionCarry)
                reductionCarry = UInt64(truncatingIfNeeded: q >> 64)
                t[j - 1] = UInt64(truncatingIfNeeded: q)
                j += 1
            }
            let top = UInt128(t[count]) &+ UInt128(productCarry) &+ UInt128(reductionCarry)
            t[count - 1] = UInt64(truncatingIfNeeded: top)
            t[count] = UInt64(truncatingIfNeeded: top >> 64)
        }
        subtractModulusIfNeeded(t, top: t[count], into: result)
    }

    /// `result = a²·R⁻¹ mod n`: the square is formed with each cross product computed once and
    /// doubled (about half the multiplications of ``multiply(_:_:into:)``), then reduced.
    @inline(__always)
    func square(_ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        let t = scratch
        let count = count
        let width = 2 * count
        t.update(repeating: 0, count: width + 1)
        // Cross products a[i]·a[j] for i < j.
        var i = 0
        while i < count - 1 {
            let ai = UInt128(a[i])
            var carry: UInt64 = 0
            var j = i + 1
            while j < count {
                let p = ai &* UInt128(a[j]) &+ UInt128(t[i + j]) &+ UInt128(carry)
                t[i + j] = UInt64(truncatingIfNeeded: p)
                carry = UInt64(truncatingIfNeeded: p >> 64)
                j += 1
            }
            t[i + count] = carry
            i += 1
        }
        // Double the cross products and add the squares a[i]² on the diagonal.
        var shiftCarry: UInt64 = 0
        var addCarry: UInt64 = 0
        i = 0
        while i < count {
            let square = UInt128(a[i]) &* UInt128(a[i])
            let low = t[2 * i]
            let high = t[2 * i + 1]
            let doubledLow = (low << 1) | shiftCarry
            let doubledHigh = (high << 1) | (low >> 63)
            shiftCarry = high >> 63
            let sumLow = UInt128(doubledLow) &+ UInt128(UInt64(truncatingIfNeeded: square)) &+ UInt128(addCarry)
            let sumHigh = UInt128(doubledHigh) &+ (square >> 64) &+ (sumLow >> 64)
            t[2 * i] = UInt64(truncatingIfNeeded: sumLow)
            t[2 * i + 1] = UInt64(truncatingIfNeeded: sumHigh)
            addCarry = UInt64(truncatingIfNeeded: sumHigh >> 64)
            i += 1
        }
        reduceWide(into: result)
    }

    /// Montgomery reduction of the `2·count`-limb value in `scratch[0..<2·count]` (which must be
    /// below `n·R`): `result = scratch·R⁻¹ mod n`. Clobbers the scratch.
    @inline(__always)
    func reduceWide(into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        let t = scratch
        let count = count
        let n0 = negatedInverse
        var extra: UInt64 = 0
        var i = 0
        while i < count {
            let mWide = UInt128(t[i] &* n0)
            var carry: UInt64 = 0
            var j = 0
            let row = t + i
            while j < count {
                let p = mWide &* UInt128(n[j]) &+ UInt128(row[j]) &+ UInt128(carry)
                row[j] = UInt64(truncatingIfNeeded: p)
                carry = UInt64(truncatingIfNeeded: p >> 64)
                j += 1
            }
            let top = UInt128(row[count]) &+ UInt128(carry) &+ UInt128(extra)
            row[count] = UInt64(truncatingIfNeeded: top)
            extra = UInt64(truncatingIfNeeded: top >> 64)
            i += 1
        }
        subtractModulusIfNeeded(t + count, top: extra, into: result)
    }

    /// `result = value − n` when `top·R + value ≥ n`, else `value`, without a data-dependent
    /// branch (the signing path runs through here with secret values). `value` always lives in
    /// the scratch, so it never overlaps `result`.
    @inline(__always)
    func subtractModulusIfNeeded(_ value: UnsafePointer<UInt64>, top: UInt64, into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        var borrow: UInt64 = 0
        for index in 0..<count {
            let difference = UInt128(value[index]) &- UInt128(n[index]) &- UInt128(borrow)
            result[index] = UInt64(truncatingIfNeeded: difference)
            borrow = UInt64(truncatingIfNeeded: difference >> 64) & 1
        }
        // Keep the difference when the value carried past R or the subtraction did not borrow.
        let keepDifference = top | (borrow ^ 1)
        let mask = 0 &- keepDifference
        for index in 0..<count {
            result[index] = (result[index] & mask) | (value[index] & ~mask)
        }
    }

    /// `result = a·R mod n` (into the Montgomery domain).
    @inline(__always)
    func toMontgomery(_ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        multiply(a, rSquared, into: result)
    }

    /// `result = a·R⁻¹ mod n` (out of the Montgomery domain).
    @inline(__always)
    func fromMontgomery(_ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        scratch.update(from: a, count: count)
        (scratch + count).update(repeating: 0, count: count + 1)
        reduceWide(into: result)
    }
}
