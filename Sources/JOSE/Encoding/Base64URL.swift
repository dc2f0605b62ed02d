/// Base64url (RFC 4648 §5) without padding, the encoding of every JWS part, decoded strictly.
///
/// Decoding accepts exactly one spelling per byte string: only `A–Z a–z 0–9 - _`, no `=`
/// padding, no whitespace, no length ≡ 1 (mod 4), and no set bits beyond the last encoded byte.
/// Anything else throws ``Base64URLError`` with a reason a program can switch on.
///
/// ```swift
/// let text = Base64URL.encode([0xfb, 0xff])            // "-_8"
/// let bytes = try Base64URL.decode("-_8")              // [0xfb, 0xff]
/// _ = try? Base64URL.decode("-_8=")                    // nil: padding is refused
/// ```
public enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    @inlinable
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        withContiguousBytes(of: bytes) { encode($0) }
    }

    /// The unpadded base64url text of the bytes in `bytes` (no intermediate copy).
    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        let inputCount = bytes.count
        let fullGroups = inputCount / 3
        let leftover = inputCount - fullGroups * 3
        let outputCount = fullGroups * 4 + (leftover == 0 ? 0 : leftover + 1)
        guard outputCount > 0 else { return "" }
        return encodeTable.withUnsafeBufferPointer { alphabet in
            String(unsafeUninitializedCapacity: outputCount) { output in
                var inputIndex = 0
                var outputIndex = 0
                for _ in 0..<fullGroups {
                    let group = UInt32(bytes[inputIndex]) << 16 | UInt32(bytes[inputIndex &+ 1]) << 8
                        | UInt32(bytes[inputIndex &+ 2])
                    output[outputIndex] = alphabet[Int(group >> 18)]
                    output[outputIndex &+ 1] = alphabet[Int((group >> 12) & 0x3f)]
                    output[outputIndex &+ 2] = alphabet[Int((group >> 6) & 0x3f)]
                    output[outputIndex &+ 3] = alphabet[Int(group & 0x3f)]
                    inputIndex &+= 3
                    outputIndex &+= 4
                }
                if leftover == 1 {
                    let group = UInt32(bytes[inputIndex]) << 16
                    output[outputIndex] = alphabet[Int(group >> 18)]
                    output[outputIndex &+ 1] = alphabet[Int((group >> 12) & 0x3f)]
                } else if leftover == 2 {
                    let group = UInt32(bytes[inputIndex]) << 16 | UInt32(bytes[inputIndex &+ 1]) << 8
                    output[outputIndex] = alphabet[Int(group >> 18)]
                    output[outputIndex &+ 1] = alphabet[Int((group >> 12) & 0x3f)]
                    output[outputIndex &+ 2] = alphabet[Int((group >> 6) & 0x3f)]
                }
                return outputCount
            }
        }
    }

    /// The bytes encoded by `string`, decoded strictly (see ``Base64URL``).
    ///
    /// ```swift
    /// let header = try Base64URL.decode(token.split(separator: ".")[0])
    /// ```
    @inlinable
    public static func decode(_ string: some StringProtocol) throws(Base64URLError) -> [UInt8] {
        try decode(string.utf8)
    }

    /// The bytes encoded by the ASCII text in `bytes` (for example an `ArraySlice` of a token),
    /// decoded strictly (see ``Base64URL``).
    @inlinable
    public static func decode(_ bytes: some Collection<UInt8>) throws(Base64URLError) -> [UInt8] {
        try withContiguousBytes(of: bytes) { decodeResult($0) }.get()
    }

    /// The raw-buffer `decode` with the outcome as a value, for the generic
    /// wrappers (a closure passed to `withContiguousStorageIfAvailable` cannot throw a typed error).
    @usableFromInline
    static func decodeResult(_ bytes: UnsafeRawBufferPointer) -> Result<[UInt8], Base64URLError> {
        Result { () throws(Base64URLError) in try decode(bytes) }
    }

    /// The bytes encoded by the ASCII text in `bytes`, decoded strictly (see ``Base64URL``).
    /// The fast path for token bytes already in memory: one table lookup per character and one
    /// allocation for the result.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(Base64URLError) -> [UInt8] {
        let inputCount = bytes.count
        let fullGroups = inputCount / 4
        let leftover = inputCount - fullGroups * 4
        guard leftover != 1 else { throw Base64URLError(reason: .invalidLength) }
        let outputCount = fullGroups * 3 + (leftover == 0 ? 0 : leftover - 1)
        guard outputCount > 0 else { return [] }

        var failure: Base64URLError?
        let decoded = decodeTable.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: outputCount) { output, initializedCount in
                var inputIndex = 0
                var outputIndex = 0
                for _ in 0..<fullGroups {
                    let a = table[Int(bytes[inputIndex])], b = table[Int(bytes[inputIndex &+ 1])]
                    let c = table[Int(bytes[inputIndex &+ 2])], d = table[Int(bytes[inputIndex &+ 3])]
                    guard (a | b | c | d) & invalid == 0 else {
                        failure = invalidCharacter(in: bytes, from: inputIndex, table: table)
                        break
                    }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output[outputIndex] = UInt8(truncatingIfNeeded: group >> 16)
                    output[outputIndex &+ 1] = UInt8(truncatingIfNeeded: group >> 8)
                    output[outputIndex &+ 2] = UInt8(truncatingIfNeeded: group)
                    inputIndex &+= 4
                    outputIndex &+= 3
                }
                if failure == nil, leftover > 0 {
                    failure = decodeFinalGroup(
                        of: bytes, from: inputIndex, into: output, at: outputIndex, table: table)
                }
                // Every byte is a plain integer, so handing back a partly written buffer on failure
                // is harmless; the array is discarded below.
                initializedCount = outputCount
            }
        }
        if let failure { throw failure }
        return decoded
    }

    /// Decodes the last two or three characters (one or two bytes), refusing set unused bits.
    private static func decodeFinalGroup(
        of bytes: UnsafeRawBufferPointer, from inputIndex: Int,
        into output: UnsafeMutableBufferPointer<UInt8>, at outputIndex: Int,
        table: UnsafeBufferPointer<UInt8>
    ) -> Base64URLError? {
        let characterCount = bytes.count - inputIndex
        let a = table[Int(bytes[inputIndex])], b = table[Int(bytes[inputIndex &+ 1])]
        let c = characterCount == 3 ? table[Int(bytes[inputIndex &+ 2])] : 0
        guard (a | b | c) & invalid == 0 else {
            return invalidCharacter(in: bytes, from: inputIndex, table: table)
        }
        // Two characters carry 12 bits for one byte (4 unused); three carry 18 for two (2 unused).
        let unusedBits = characterCount == 3 ? c & 0x03 : b & 0x0f
        guard unusedBits == 0 else {
            return Base64URLError(reason: .nonZeroTrailingBits, offset: bytes.count - 1)
        }
        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
        output[outputIndex] = UInt8(truncatingIfNeeded: group >> 16)
        if characterCount == 3 {
            output[outputIndex &+ 1] = UInt8(truncatingIfNeeded: group >> 8)
        }
        return nil
    }

    /// The error for the first character at or after `start` that is not in the alphabet.
    private static func invalidCharacter(
        in bytes: UnsafeRawBufferPointer, from start: Int, table: UnsafeBufferPointer<UInt8>
    ) -> Base64URLError {
        var offset = start
        while offset < bytes.count, table[Int(bytes[offset])] & invalid == 0 {
            offset += 1
        }
        return Base64URLError(reason: .invalidCharacter, offset: offset)
    }

    /// The decode table's marker for bytes outside the alphabet (valid entries are 0…63).
    private static let invalid: UInt8 = 0x80

    /// The base64url alphabet: index → ASCII.
    private static let encodeTable: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// ASCII → 6-bit value, or ``invalid`` for every byte outside the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, character) in encodeTable.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()
}
