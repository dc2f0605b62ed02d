// The SHA-256 compression function (FIPS 180-4 §6.2.2), written for speed:
// - the working variables stay in registers, and unrolled rounds rename them (the `round`
//   argument order rotates) instead of shifting eight values each round;
// - the message schedule is a 16-word ring on the stack, extended inside the rounds so the
//   independent schedule arithmetic fills the gaps in the rounds' dependency chain (measured
//   about 20% faster than computing all 64 words before the rounds);
// - big-endian words are loaded straight from the caller's memory; nothing is allocated.

extension SHA256 {
    /// Compresses every 64-byte block of `blocks` (whose count must be a multiple of 64) into `state`.
    static func compress(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        precondition(blocks.count % 64 == 0, "SHA-256 compresses whole 64-byte blocks only")
        guard let base = blocks.baseAddress else { return }
        let blockCount = blocks.count / 64

        roundConstants.withUnsafeBufferPointer { constants in
            guard let k = constants.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { schedule in
                guard let w = schedule.baseAddress else { return }
                var h0 = state.h0, h1 = state.h1, h2 = state.h2, h3 = state.h3
                var h4 = state.h4, h5 = state.h5, h6 = state.h6, h7 = state.h7

                for blockIndex in 0..<blockCount {
                    let block = base + blockIndex &* 64
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                    }

                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    var bXorC = b ^ c
                    var t = 0
                    while t < 16 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t], &bXorC)
                        round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1], &bXorC)
                        round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2], &bXorC)
                        round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3], &bXorC)
                        round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4], &bXorC)
                        round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ w[t &+ 5], &bXorC)
                        round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ w[t &+ 6], &bXorC)
                        round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ w[t &+ 7], &bXorC)
                        t &+= 8
                    }
                    // From round 16 on, each round first extends the schedule in the ring; the
                    // 16-round body keeps every ring index a constant offset from t (a multiple of 16).
                    while t < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ expand(w, t), &bXorC)
                        round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ expand(w, t &+ 1), &bXorC)
                        round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ expand(w, t &+ 2), &bXorC)
                        round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ expand(w, t &+ 3), &bXorC)
                        round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ expand(w, t &+ 4), &bXorC)
                        round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ expand(w, t &+ 5), &bXorC)
                        round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ expand(w, t &+ 6), &bXorC)
                        round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ expand(w, t &+ 7), &bXorC)
                        round(a, b, c, &d, e, f, g, &h, k[t &+ 8] &+ expand(w, t &+ 8), &bXorC)
                        round(h, a, b, &c, d, e, f, &g, k[t &+ 9] &+ expand(w, t &+ 9), &bXorC)
                        round(g, h, a, &b, c, d, e, &f, k[t &+ 10] &+ expand(w, t &+ 10), &bXorC)
                        round(f, g, h, &a, b, c, d, &e, k[t &+ 11] &+ expand(w, t &+ 11), &bXorC)
                        round(e, f, g, &h, a, b, c, &d, k[t &+ 12] &+ expand(w, t &+ 12), &bXorC)
                        round(d, e, f, &g, h, a, b, &c, k[t &+ 13] &+ expand(w, t &+ 13), &bXorC)
                        round(c, d, e, &f, g, h, a, &b, k[t &+ 14] &+ expand(w, t &+ 14), &bXorC)
                        round(b, c, d, &e, f, g, h, &a, k[t &+ 15] &+ expand(w, t &+ 15), &bXorC)
                        t &+= 16
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
                state = State(h0: h0, h1: h1, h2: h2, h3: h3, h4: h4, h5: h5, h6: h6, h7: h7)
            }
        }
    }

    /// One round with the variables already renamed: updates `d` (becoming the next `e`) and `h`
    /// (becoming the next `a`). `kw` is K[t] + W[t].
    ///
    /// Maj(a, b, c) is computed as b ⊕ ((a ⊕ b) ∧ (b ⊕ c)): where a = b the result is b, elsewhere
    /// c. This round's a ⊕ b is the next round's b ⊕ c, so `bXorC` carries it over and Maj costs
    /// three operations instead of four.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32,
        _ bXorC: inout UInt32
    ) {
        let bigSigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ bigSigma1 &+ choose &+ kw
        let bigSigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
        let aXorB = a ^ b
        let majority = b ^ (aXorB & bXorC)
        bXorC = aXorB
        d &+= t1
        h = t1 &+ bigSigma0 &+ majority
    }

    /// W[t] for t ≥ 16 (FIPS 180-4 §6.2.2 step 1), kept in a 16-word ring: the new word
    /// replaces W[t−16], the one word of the window no later round needs.
    @inline(__always)
    private static func expand(_ w: UnsafeMutablePointer<UInt32>, _ t: Int) -> UInt32 {
        let word = smallSigma1(w[(t &- 2) & 15]) &+ w[(t &- 7) & 15] &+ smallSigma0(w[(t &- 15) & 15]) &+ w[t & 15]
        w[t & 15] = word
        return word
    }

    @inline(__always)
    private static func smallSigma0(_ x: UInt32) -> UInt32 {
        rotateRight(x, 7) ^ rotateRight(x, 18) ^ (x &>> 3)
    }

    @inline(__always)
    private static func smallSigma1(_ x: UInt32) -> UInt32 {
        rotateRight(x, 17) ^ rotateRight(x, 19) ^ (x &>> 10)
    }

    @inline(__always)
    private static func rotateRight(_ x: UInt32, _ count: UInt32) -> UInt32 {
        (x &>> count) | (x &<< (32 &- count))
    }

    /// K0…K63: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
