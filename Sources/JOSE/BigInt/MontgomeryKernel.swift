/// The inner loops of Montgomery arithmetic over raw limb buffers: multiplication and a
/// dedicated squaring (product scanning with interleaved reduction), reduction of a double-width value, and entry to / exit from the
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

    /// `result = a·b·R⁻¹ mod n`, by product scanning with interleaved reduction (the "FIPS"
    /// method of Koç, Acar and Kaliski): column by column, the products `a[j]·b[i−j]` and
    /// `m[j]·n[i−j]` are summed in a three-word accumulator held in registers, which needs
    /// about half the instructions per product of row-wise (CIOS) scanning.
    @inline(__always)
    func multiply(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        let count = count
        let n0 = negatedInverse
        let m = scratch                 // reduction factors, one per low column
        let sum = scratch + count       // the unreduced result (count limbs)
        var low: UInt128 = 0
        var top: UInt64 = 0
        for i in 0..<count {
            var j = 0
            while j < i {
                Self.accumulate(&low, &top, a[j], b[i - j])
                Self.accumulate(&low, &top, m[j], n[i - j])
                j += 1
            }
            Self.accumulate(&low, &top, a[i], b[0])
            let factor = UInt64(truncatingIfNeeded: low) &* n0
            m[i] = factor
            Self.accumulate(&low, &top, factor, n[0])   // clears the low word
            Self.shift(&low, &top)
        }
        for i in count..<(2 * count) {
            var j = i - count + 1
            while j < count {
                Self.accumulate(&low, &top, a[j], b[i - j])
                Self.accumulate(&low, &top, m[j], n[i - j])
                j += 1
            }
            sum[i - count] = Self.shift(&low, &top)
        }
        subtractModulusIfNeeded(sum, top: UInt64(truncatingIfNeeded: low), into: result)
    }

    /// `result = a²·R⁻¹ mod n`: product scanning as in ``multiply(_:_:into:)``, but each cross
    /// product `a[j]·a[i−j]` (j < i−j) is computed once and doubled, which saves a quarter of the
    /// multiplications. The cross products go to their own accumulator, in the same loop as the
    /// first reduction products, so that two independent carry chains run side by side.
    @inline(__always)
    func square(_ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        let count = count
        let n0 = negatedInverse
        let m = scratch
        let sum = scratch + count
        var low: UInt128 = 0
        var top: UInt64 = 0
        for i in 0..<(2 * count) {
            // Column i: cross products for first ≤ j < i − j, reduction products for first ≤ j < last.
            let first = i < count ? 0 : i - count + 1
            let last = i < count ? i : count
            let crossEnd = max(first, (i + 1) >> 1)
            var crossLow: UInt128 = 0
            var crossTop: UInt64 = 0
            var j = first
            while j < crossEnd {
                Self.accumulate(&crossLow, &crossTop, a[j], a[i - j])
                Self.accumulate(&low, &top, m[j], n[i - j])
                j += 1
            }
            while j < last {
                Self.accumulate(&low, &top, m[j], n[i - j])
                j += 1
            }
            // Double the cross sum (far below 2¹⁹¹, so the shift loses nothing) and add the square.
            let doubledTop = (crossTop << 1) | UInt64(truncatingIfNeeded: crossLow >> 127)
            let (doubledSum, overflow) = low.addingReportingOverflow(crossLow << 1)
            low = doubledSum
            top &+= doubledTop &+ (overflow ? 1 : 0)
            if i & 1 == 0 {
                let half = a[i >> 1]
                Self.accumulate(&low, &top, half, half)
            }
            if i < count {
                let factor = UInt64(truncatingIfNeeded: low) &* n0
                m[i] = factor
                Self.accumulate(&low, &top, factor, n[0])  // clears the low word
                Self.shift(&low, &top)
            } else {
                sum[i - count] = Self.shift(&low, &top)
            }
        }
        subtractModulusIfNeeded(sum, top: UInt64(truncatingIfNeeded: low), into: result)
    }

    /// `(top, low) += x·y` over a 192-bit accumulator.
    @inline(__always)
    private static func accumulate(_ low: inout UInt128, _ top: inout UInt64, _ x: UInt64, _ y: UInt64) {
        let (sum, overflow) = low.addingReportingOverflow(UInt128(x) &* UInt128(y))
        low = sum
        top &+= overflow ? 1 : 0
    }

    /// Shifts the accumulator down one word and returns the word shifted out.
    @inline(__always)
    @discardableResult
    private static func shift(_ low: inout UInt128, _ top: inout UInt64) -> UInt64 {
        let word = UInt64(truncatingIfNeeded: low)
        low = (low >> 64) | (UInt128(top) << 64)
        top = 0
        return word
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
