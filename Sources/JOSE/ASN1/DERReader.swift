/// A minimal, strict DER reader over a byte slice: single-byte tags, definite minimal lengths,
/// and the few types keys need (SEQUENCE, INTEGER, BIT STRING, OCTET STRING, OBJECT
/// IDENTIFIER, NULL, explicit context-specific tags). Anything BER allows but DER does not is
/// refused. ``DERWriter`` writes the same subset.
///
/// ```swift
/// var outer = DERReader(bytes[...])
/// var sequence = try outer.readSequence()
/// let modulus = try sequence.readUnsignedInteger()
/// try sequence.finish()
/// try outer.finish()
/// ```
struct DERReader {
    /// Universal tags used here.
    enum Tag {
        static let integer: UInt8 = 0x02
        static let bitString: UInt8 = 0x03
        static let octetString: UInt8 = 0x04
        static let null: UInt8 = 0x05
        static let objectIdentifier: UInt8 = 0x06
        static let sequence: UInt8 = 0x30
    }

    private let bytes: ArraySlice<UInt8>
    private var position: ArraySlice<UInt8>.Index

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position == bytes.endIndex }

    /// The tag of the next element, if any.
    var nextTag: UInt8? { isAtEnd ? nil : bytes[position] }

    /// Reads one element with tag `tag` and returns its contents.
    mutating func readElement(tag: UInt8) throws(DERError) -> ArraySlice<UInt8> {
        guard position < bytes.endIndex else { throw DERError(reason: .truncated) }
        let found = bytes[position]
        guard found == tag else { throw DERError(reason: .unexpectedTag(expected: tag, found: found)) }
        var cursor = position + 1
        guard cursor < bytes.endIndex else { throw DERError(reason: .truncated) }
        let first = bytes[cursor]
        cursor += 1
        var length: Int
        if first < 0x80 {
            length = Int(first)
        } else if first == 0x80 {
            throw DERError(reason: .indefiniteLength)
        } else {
            let lengthByteCount = Int(first & 0x7F)
            guard lengthByteCount <= 4 else { throw DERError(reason: .lengthTooLarge) }
            guard bytes.endIndex - cursor >= lengthByteCount else { throw DERError(reason: .truncated) }
            length = 0
            for _ in 0..<lengthByteCount {
                length = (length << 8) | Int(bytes[cursor])
                cursor += 1
            }
            // DER: the long form only for lengths ≥ 128, with no leading zero byte.
            guard length >= 0x80, bytes[cursor - lengthByteCount] != 0 else { throw DERError(reason: .nonMinimalLength) }
        }
        guard bytes.endIndex - cursor >= length else { throw DERError(reason: .truncated) }
        position = cursor + length
        return bytes[cursor..<(cursor + length)]
    }

    /// Reads a SEQUENCE and returns a reader over its contents.
    mutating func readSequence() throws(DERError) -> DERReader {
        DERReader(try readElement(tag: Tag.sequence))
    }

    /// Reads a non-negative INTEGER in minimal two's-complement form and returns its magnitude,
    /// big-endian, without the sign byte.
    mutating func readUnsignedInteger() throws(DERError) -> ArraySlice<UInt8> {
        let content = try readElement(tag: Tag.integer)
        guard let first = content.first else { throw DERError(reason: .emptyInteger) }
        guard first & 0x80 == 0 else { throw DERError(reason: .negativeInteger) }
        if content.count > 1 && first == 0 {
            guard content[content.startIndex + 1] & 0x80 != 0 else { throw DERError(reason: .nonMinimalInteger) }
            return content.dropFirst()
        }
        return content
    }

    /// Reads a BIT STRING whose length is a whole number of bytes and returns those bytes.
    mutating func readOctetAlignedBitString() throws(DERError) -> ArraySlice<UInt8> {
        let content = try readElement(tag: Tag.bitString)
        guard let unusedBits = content.first else { throw DERError(reason: .truncated) }
        guard unusedBits == 0 else { throw DERError(reason: .nonZeroUnusedBits) }
        return content.dropFirst()
    }

    /// Reads an OBJECT IDENTIFIER and returns its encoded contents (compare with known encodings).
    mutating func readObjectIdentifier() throws(DERError) -> ArraySlice<UInt8> {
        try readElement(tag: Tag.objectIdentifier)
    }

    /// Reads an OCTET STRING and returns its contents.
    mutating func readOctetString() throws(DERError) -> ArraySlice<UInt8> {
        try readElement(tag: Tag.octetString)
    }

    /// Reads a small non-negative INTEGER (a version number).
    mutating func readSmallInteger() throws(DERError) -> Int {
        let magnitude = try readUnsignedInteger()
        guard magnitude.count <= 2 else { throw DERError(reason: .lengthTooLarge) }
        return magnitude.reduce(0) { $0 << 8 | Int($1) }
    }

    /// Reads an explicitly tagged, constructed context-specific element `[number]` and returns
    /// a reader over its contents.
    mutating func readExplicit(_ number: UInt8) throws(DERError) -> DERReader {
        DERReader(try readElement(tag: 0xA0 | number))
    }

    /// Reads a NULL.
    mutating func readNull() throws(DERError) {
        guard try readElement(tag: Tag.null).isEmpty else { throw DERError(reason: .invalidNull) }
    }

    /// Succeeds only when every byte has been consumed.
    func finish() throws(DERError) {
        guard isAtEnd else { throw DERError(reason: .trailingBytes) }
    }
}

extension DERReader {
    /// PKCS #8 (RFC 5208): after the AlgorithmIdentifier of a PrivateKeyInfo, reads the OCTET
    /// STRING that wraps the algorithm's own private key, checks nothing follows it, and returns a
    /// reader inside that key's SEQUENCE (RSAPrivateKey or ECPrivateKey).
    mutating func readPKCS8PrivateKey() throws(DERError) -> DERReader {
        var wrapped = DERReader(try readOctetString())
        try finish()
        let key = try wrapped.readSequence()
        try wrapped.finish()
        return key
    }
}
