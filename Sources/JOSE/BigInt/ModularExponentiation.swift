extension MontgomeryContext {
    /// `result = base^exponent mod n` for a small public exponent (RSA verification).
    ///
    /// `base` and `result` are `limbCount` limbs and `base < n`. Left-to-right binary method: one
    /// squaring per exponent bit below the top one and one multiplication per set bit, so
    /// e = 65537 costs 16 squarings and 1 multiplication, plus the conversion into the Montgomery
    /// domain. The last multiplication uses the *plain* base, which leaves the domain for free:
    /// `(x·R)·b·R⁻¹ = x·b`. No heap allocation.
    ///
    /// - Precondition: `exponent ≥ 1`.
    func power(_ base: UnsafePointer<UInt64>, publicExponent exponent: UInt64, into result: UnsafeMutablePointer<UInt64>) {
        precondition(exponent >= 1, "exponent must be positive")
        let count = limbCount
        if exponent == 1 {
            result.update(from: base, count: count)
            return
        }
        withKernel { kernel in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { buffer in
                let baseInDomain = buffer.nonEmptyBase
                let accumulator = baseInDomain + count
                kernel.toMontgomery(base, into: baseInDomain)
                accumulator.update(from: baseInDomain, count: count)
                var bit = 62 - exponent.leadingZeroBitCount
                while bit > 0 {
                    kernel.square(accumulator, into: accumulator)
                    if (exponent >> UInt64(bit)) & 1 == 1 {
                        kernel.multiply(accumulator, baseInDomain, into: accumulator)
                    }
                    bit -= 1
                }
                kernel.square(accumulator, into: accumulator)
                if exponent & 1 == 1 {
                    kernel.multiply(accumulator, base, into: result)
                } else {
                    kernel.fromMontgomery(accumulator, into: result)
                }
            }
        }
    }

    /// `base^exponent mod n` for a secret exponent (development signing, primality testing).
    ///
    /// Fixed 4-bit windows over every limb of `exponent` (so the operation sequence depends only
    /// on the exponent's limb count) and a table lookup that reads every entry under a mask.
    /// `base` must be below `n` and have `limbCount` limbs.
    func power(_ base: [UInt64], secretExponent exponent: [UInt64]) -> [UInt64] {
        precondition(base.count == limbCount, "base must have limbCount limbs")
        let count = limbCount
        var result = [UInt64](repeating: 0, count: count)
        withKernel { kernel in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 18 * count) { buffer in
                let table = buffer.nonEmptyBase
                let accumulator = table + 16 * count
                let selected = accumulator + count
                // table[0] = R mod n (one in the domain), table[i] = base^i·R mod n.
                selected.update(repeating: 0, count: count)
                selected[0] = 1
                kernel.toMontgomery(selected, into: table)
                base.withUnsafeBufferPointer { kernel.toMontgomery($0.nonEmptyBase, into: table + count) }
                for index in 2..<16 {
                    kernel.multiply(table + (index - 1) * count, table + count, into: table + index * count)
                }
                accumulator.update(from: table, count: count)
                var limbIndex = exponent.count - 1
                while limbIndex >= 0 {
                    let limb = exponent[limbIndex]
                    var shift = 60
                    while shift >= 0 {
                        for _ in 0..<4 { kernel.square(accumulator, into: accumulator) }
                        let window = (limb >> UInt64(shift)) & 0xF
                        selectEntry(window, from: table, into: selected)
                        kernel.multiply(accumulator, selected, into: accumulator)
                        shift -= 4
                    }
                    limbIndex -= 1
                }
                result.withUnsafeMutableBufferPointer { kernel.fromMontgomery(accumulator, into: $0.nonEmptyBase) }
            }
        }
        return result
    }

    /// Copies `table[index]` into `destination` while reading all 16 entries.
    private func selectEntry(_ index: UInt64, from table: UnsafePointer<UInt64>, into destination: UnsafeMutablePointer<UInt64>) {
        let count = limbCount
        destination.update(repeating: 0, count: count)
        for entry in 0..<16 {
            let difference = UInt64(entry) ^ index
            // mask = all ones exactly when difference == 0.
            let mask = ((difference | (0 &- difference)) >> 63) &- 1
            let row = table + entry * count
            for limb in 0..<count { destination[limb] |= row[limb] & mask }
        }
    }

    /// `value mod n` for a value of up to `2·limbCount` limbs that is below `n·R`
    /// (for example a product of two values below `n`, or any value below `n·2^(64·limbCount)`).
    func reduce(_ value: [UInt64]) -> [UInt64] {
        precondition(value.count <= 2 * limbCount, "value too wide to reduce")
        let count = limbCount
        var result = [UInt64](repeating: 0, count: count)
        withKernel { kernel in
            value.withUnsafeBufferPointer { source in
                kernel.scratch.update(repeating: 0, count: 2 * count + 1)
                kernel.scratch.update(from: source.nonEmptyBase, count: source.count)
            }
            result.withUnsafeMutableBufferPointer { destination in
                let pointer = destination.nonEmptyBase
                kernel.reduceWide(into: pointer)          // value·R⁻¹
                kernel.multiply(pointer, kernel.rSquared, into: pointer)  // ·R² ·R⁻¹
            }
        }
        return result
    }

    /// `a·b mod n` for `limbCount`-limb values below `n`.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let count = limbCount
        var result = [UInt64](repeating: 0, count: count)
        withKernel { kernel in
            a.withUnsafeBufferPointer { aBuffer in
                b.withUnsafeBufferPointer { bBuffer in
                    result.withUnsafeMutableBufferPointer { destination in
                        let pointer = destination.nonEmptyBase
                        kernel.multiply(aBuffer.nonEmptyBase, bBuffer.nonEmptyBase, into: pointer)
                        kernel.multiply(pointer, kernel.rSquared, into: pointer)
                    }
                }
            }
        }
        return result
    }
}
