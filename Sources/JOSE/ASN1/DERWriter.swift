/// Writes the DER subset ``DERReader`` reads: definite minimal lengths, minimal non-negative
/// INTEGERs, and single-byte tags. Each function returns one complete element (tag, length,
/// contents); nest them by passing elements as contents.
///
/// ```swift
/// let der = DERWriter.sequence([DERWriter.unsignedInteger(modulus), DERWriter.unsignedInteger(exponent)])
/// ```
enum DERWriter {
    /// One element with `tag` around `contents`.
    static func element(tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        var output = [tag]
        let count = contents.count
        if count < 0x80 {
            output.append(UInt8(count))
        } else {
            let lengthBytes = withUnsafeBytes(of: UInt64(count).bigEndian) { Array($0.drop(while: { $0 == 0 })) }
            output.append(0x80 | UInt8(lengthBytes.count))
            output += lengthBytes
        }
        return output + contents
    }

    /// A SEQUENCE of already-encoded elements.
    static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
        element(tag: DERReader.Tag.sequence, elements.flatMap { $0 })
    }

    /// A non-negative INTEGER from a big-endian magnitude (leading zeros allowed): minimal form,
    /// with a 0x00 sign byte when the top bit is set.
    static func unsignedInteger(_ magnitude: some Collection<UInt8>) -> [UInt8] {
        var contents = Array(magnitude.drop(while: { $0 == 0 }))
        if contents.first.map({ $0 & 0x80 != 0 }) ?? true { contents.insert(0, at: 0) }
        return element(tag: DERReader.Tag.integer, contents)
    }

    /// A small non-negative INTEGER (a version number).
    static func integer(_ value: UInt8) -> [UInt8] {
        unsignedInteger([value])
    }

    /// An OCTET STRING.
    static func octetString(_ contents: [UInt8]) -> [UInt8] {
        element(tag: DERReader.Tag.octetString, contents)
    }

    /// A BIT STRING of whole bytes (no unused bits).
    static func bitString(_ bytes: [UInt8]) -> [UInt8] {
        element(tag: DERReader.Tag.bitString, [0] + bytes)
    }

    /// An OBJECT IDENTIFIER from its encoded contents (as ``DERReader/readObjectIdentifier()`` returns them).
    static func objectIdentifier(_ contents: [UInt8]) -> [UInt8] {
        element(tag: DERReader.Tag.objectIdentifier, contents)
    }

    /// A NULL.
    static let null: [UInt8] = [DERReader.Tag.null, 0]

    /// An explicitly tagged, constructed context-specific element `[number]` around `element`.
    static func explicit(_ number: UInt8, _ element: [UInt8]) -> [UInt8] {
        self.element(tag: 0xA0 | number, element)
    }
}
