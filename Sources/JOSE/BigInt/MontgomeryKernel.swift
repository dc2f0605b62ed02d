/// The inner loops of Montgomery arithmetic over raw limb buffers: multiplication and a
/// dedicated squaring (product scanning with interleaved reduction), reduction of a
/// double-width value, and entry to / exit from the Montgomery domain.
///
/// Every product and carry goes through `UInt128` values (see ``WideArithmetic``), which compile
/// to one 64×64→128 multiply and add-with-carry chains; DESIGN.md's performance notes measured
/// that 6.6× faster than chains of `addingReportingOverflow` on separate words.
///
/// A kernel borrows its pointers from ``MontgomeryContext/withKernel(_:)`` and must not escape
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
    /// `m[j]·n[i−j]` are summed in three-word accumulators held in registers, which needs
    /// about half the instructions per product of row-wise (CIOS) scanning.
    ///
    /// The two kinds of product go to two accumulators, added together at the end of each
    /// column. Summing both into one accumulator looks cheaper but is not: the optimiser then
    /// merges the two additions of each step into a sequence with a materialised carry
    /// (`setb`/`movzbl`), 10 instructions per product instead of 7.5 (checked in the assembly
    /// and measured with callgrind: 24.9k → 17.9k instructions per 2048-bit multiplication).
    @inline(__always)
    func multiply(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        let count = count
        let n0 = negatedInverse
        let m = scratch                 // reduction factors, one per low column
        let sum = scratch + count       // the unreduced result (count limbs)
        var low: UInt128 = 0
        var top: UInt64 = 0
        var i = 0
        while i < count {
            // j counts up and k = i − j counts down, so no index needs a checked subtraction.
            var reductionLow: UInt128 = 0
            var reductionTop: UInt64 = 0
            var j = 0
            var k = i
            while j < i {
                WideArithmetic.accumulate(&low, &top, a[j], b[k])
                WideArithmetic.accumulate(&reductionLow, &reductionTop, m[j], n[k])
                j &+= 1
                k &-= 1
            }
            WideArithmetic.accumulate(&low, &top, a[i], b[0])
            WideArithmetic.merge(&low, &top, reductionLow, reductionTop)
            let factor = low._low &* n0
            m[i] = factor
            WideArithmetic.accumulate(&low, &top, factor, n[0])   // clears the low word
            WideArithmetic.shiftWord(&low, &top)
            i += 1
        }
        while i < 2 * count {
            var reductionLow: UInt128 = 0
            var reductionTop: UInt64 = 0
            var j = i &- count &+ 1
            var k = count &- 1
            while j < count {
                WideArithmetic.accumulate(&low, &top, a[j], b[k])
                WideArithmetic.accumulate(&reductionLow, &reductionTop, m[j], n[k])
                j &+= 1
                k &-= 1
            }
            WideArithmetic.merge(&low, &top, reductionLow, reductionTop)
            sum[i - count] = WideArithmetic.shiftWord(&low, &top)
            i += 1
        }
        subtractModulusIfNeeded(sum, top: low._low, into: result)
    }

    /// `result = a²·R⁻¹ mod n`: product scanning as in ``multiply(_:_:into:)``, but each cross
    /// product `a[j]·a[i−j]` (j < i−j) is computed once and doubled, which saves a quarter of the
    /// multiplications. The cross products go to their own accumulator, in the same loop as the
    /// first reduction products, so that two independent carry chains run side by side. The
    /// remaining reduction products (about half of them) then run two per step, one into each
    /// accumulator once the cross sum has been folded in: never two additions into the same
    /// accumulator in one step (see ``multiply(_:_:into:)``). This halves their loop overhead.
    @inline(__always)
    func square(_ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>) {
        let n = modulus
        let count = count
        let n0 = negatedInverse
        let m = scratch
        let sum = scratch + count
        var low: UInt128 = 0
        var top: UInt64 = 0
        var i = 0
        while i < 2 * count {
            // Column i: cross products for first ≤ j < i − j, reduction products for first ≤ j < last.
            let first = i < count ? 0 : i - count + 1
            let last = i < count ? i : count
            let half = (i + 1) &>> 1
            let crossEnd = half > first ? half : first
            var crossLow: UInt128 = 0
            var crossTop: UInt64 = 0
            var j = first
            var k = i &- first   // always i − j
            while j < crossEnd {
                WideArithmetic.accumulate(&crossLow, &crossTop, a[j], a[k])
                WideArithmetic.accumulate(&low, &top, m[j], n[k])
                j &+= 1
                k &-= 1
            }
            // Double the cross sum (far below 2¹⁹¹, so the shift loses nothing) and add it.
            var doubled = crossLow
            doubled &<<= 1
            let (doubledSum, overflow) = low.addingReportingOverflow(doubled)
            low = doubledSum
            top &+= ((crossTop &<< 1) | (crossLow._high &>> 63)) &+ (overflow ? 1 : 0)
            // The remaining reduction products, two per step into the two accumulators.
            crossLow = 0
            crossTop = 0
            while j &+ 1 < last {
                WideArithmetic.accumulate(&low, &top, m[j], n[k])
                WideArithmetic.accumulate(&crossLow, &crossTop, m[j &+ 1], n[k &- 1])
                j &+= 2
                k &-= 2
            }
            if j < last {
                WideArithmetic.accumulate(&low, &top, m[j], n[k])
            }
            WideArithmetic.merge(&low, &top, crossLow, crossTop)
            // Even columns also hold a diagonal square a[i/2]².
            if i & 1 == 0 {
                let diagonal = a[i &>> 1]
                WideArithmetic.accumulate(&low, &top, diagonal, diagonal)
            }
            if i < count {
                let factor = low._low &* n0
                m[i] = factor
                WideArithmetic.accumulate(&low, &top, factor, n[0])  // clears the low word
                WideArithmetic.shiftWord(&low, &top)
            } else {
                sum[i - count] = WideArithmetic.shiftWord(&low, &top)
            }
            i += 1
        }
        subtractModulusIfNeeded(sum, top: low._low, into: result)
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
            let factor = t[i] &* n0
            var carry: UInt64 = 0
            var j = 0
            let row = t + i
            while j < count {
                // factor·n[j] + row[j] + carry < 2¹²⁸: no wrap-around.
                let p = WideArithmetic.sum(WideArithmetic.product(factor, n[j]),
                                           WideArithmetic.sum(WideArithmetic.wide(row[j]), WideArithmetic.wide(carry)))
                row[j] = p._low
                carry = p._high
                j += 1
            }
            let top = WideArithmetic.sum(WideArithmetic.wide(row[count]),
                                         WideArithmetic.sum(WideArithmetic.wide(carry), WideArithmetic.wide(extra)))
            row[count] = top._low
            extra = top._high
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
        var index = 0
        while index < count {
            let (partial, borrowed) = value[index].subtractingReportingOverflow(n[index])
            let (difference, borrowedAgain) = partial.subtractingReportingOverflow(borrow)
            result[index] = difference
            borrow = borrowed || borrowedAgain ? 1 : 0
            index += 1
        }
        // Keep the difference when the value carried past R or the subtraction did not borrow.
        let keepDifference = top | (borrow ^ 1)
        let mask = 0 &- keepDifference
        index = 0
        while index < count {
            result[index] = (result[index] & mask) | (value[index] & ~mask)
            index += 1
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
