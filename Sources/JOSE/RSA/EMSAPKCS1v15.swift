/// EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2), used to *build* the expected encoded message.
///
/// Verification never parses a recovered block: it encodes what the block must be and compares
/// the two whole, which leaves no room for the lax-parsing forgeries of Bleichenbacher 2006,
/// BERserk and their successors (attacks.md A3 item 15).
enum EMSAPKCS1v15 {
    /// DER of `DigestInfo ::= SEQUENCE { AlgorithmIdentifier { hash OID, NULL }, OCTET STRING }`
    /// up to the digest itself (RFC 8017 §9.2, note 1).
    static func digestInfoPrefix(_ digest: DigestAlgorithm) -> [UInt8] {
        switch digest {
        case .sha256: [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        case .sha384: [0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]
        case .sha512: [0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]
        }
    }

    /// `EM = 00 01 FF…FF 00 ‖ DigestInfo(digest, messageDigest)` of exactly `length` bytes, or
    /// `nil` when `length` leaves fewer than 8 bytes of `FF` padding.
    static func encode(messageDigest: some Collection<UInt8>, digest: DigestAlgorithm, length: Int) -> [UInt8]? {
        let prefix = digestInfoPrefix(digest)
        let encodedDigestLength = prefix.count + messageDigest.count
        guard messageDigest.count == digest.digestByteCount, length >= encodedDigestLength + 11 else { return nil }
        var encoded = [UInt8](repeating: 0xFF, count: length)
        encoded[0] = 0x00
        encoded[1] = 0x01
        let separator = length - encodedDigestLength - 1
        encoded[separator] = 0x00
        encoded.replaceSubrange((separator + 1)..<(separator + 1 + prefix.count), with: prefix)
        encoded.replaceSubrange((length - messageDigest.count)..<length, with: messageDigest)
        return encoded
    }
}
