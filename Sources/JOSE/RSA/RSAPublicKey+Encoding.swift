extension RSAPublicKey {
    /// DER contents of the OBJECT IDENTIFIER rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 A.1).
    static let rsaEncryptionObjectIdentifier: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]

    /// Creates a key from DER: either a SubjectPublicKeyInfo with the rsaEncryption algorithm
    /// (the `PUBLIC KEY` PEM label, RFC 5280) or a PKCS#1 RSAPublicKey (`RSA PUBLIC KEY`, RFC 8017 A.1.1).
    ///
    /// Parsing is strict DER: minimal lengths and integers, NULL algorithm parameters, no
    /// trailing bytes at any level.
    ///
    /// - Throws: ``RSAKeyError`` with reason `malformedEncoding`, or any reason of
    ///   ``init(modulus:publicExponent:minimumModulusBitCount:)``.
    public init(
        derRepresentation: [UInt8], minimumModulusBitCount: Int = RSAPublicKey.defaultMinimumModulusBitCount
    ) throws(RSAKeyError) {
        let modulus: ArraySlice<UInt8>
        let exponent: ArraySlice<UInt8>
        do throws(DERError) {
            var document = DERReader(derRepresentation[...])
            var outer = try document.readSequence()
            try document.finish()
            if outer.nextTag == DERReader.Tag.sequence {
                // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
                var algorithm = try outer.readSequence()
                guard try algorithm.readObjectIdentifier().elementsEqual(Self.rsaEncryptionObjectIdentifier) else {
                    throw DERError(reason: .unexpectedAlgorithm)
                }
                try algorithm.readNull()
                try algorithm.finish()
                var keyBits = DERReader(try outer.readOctetAlignedBitString())
                try outer.finish()
                var rsaKey = try keyBits.readSequence()
                try keyBits.finish()
                (modulus, exponent) = try Self.readRSAPublicKey(&rsaKey)
            } else {
                (modulus, exponent) = try Self.readRSAPublicKey(&outer)
            }
        } catch {
            throw RSAKeyError(.malformedEncoding, error.description)
        }
        try self.init(modulus: Array(modulus), publicExponent: Array(exponent), minimumModulusBitCount: minimumModulusBitCount)
    }

    /// Reads the contents of RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
    private static func readRSAPublicKey(
        _ sequence: inout DERReader
    ) throws(DERError) -> (modulus: ArraySlice<UInt8>, exponent: ArraySlice<UInt8>) {
        let modulus = try sequence.readUnsignedInteger()
        let exponent = try sequence.readUnsignedInteger()
        try sequence.finish()
        return (modulus, exponent)
    }

    /// Creates a key from PEM text labelled `PUBLIC KEY` (SubjectPublicKeyInfo) or
    /// `RSA PUBLIC KEY` (PKCS#1). The text must hold exactly one PEM block.
    ///
    /// ```swift
    /// let key = try RSAPublicKey(pemRepresentation: """
    ///     -----BEGIN PUBLIC KEY-----
    ///     MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…
    ///     -----END PUBLIC KEY-----
    ///     """)
    /// ```
    public init(
        pemRepresentation: String, minimumModulusBitCount: Int = RSAPublicKey.defaultMinimumModulusBitCount
    ) throws(RSAKeyError) {
        let document: PEMDocument
        do throws(PEMDocument.ParseError) {
            document = try PEMDocument(parsing: pemRepresentation)
        } catch {
            throw RSAKeyError(.malformedEncoding, "PEM: \(error)")
        }
        guard document.label == "PUBLIC KEY" || document.label == "RSA PUBLIC KEY" else {
            throw RSAKeyError(.malformedEncoding, "PEM label \"\(document.label)\" is not PUBLIC KEY or RSA PUBLIC KEY")
        }
        // Each label names one structure; the DER reader tells them apart by their first element.
        let isSubjectPublicKeyInfo = document.derBytes.count > 4 && Self.firstInnerTag(document.derBytes) == DERReader.Tag.sequence
        guard isSubjectPublicKeyInfo == (document.label == "PUBLIC KEY") else {
            throw RSAKeyError(.malformedEncoding, "PEM label \"\(document.label)\" does not match its contents")
        }
        try self.init(derRepresentation: document.derBytes, minimumModulusBitCount: minimumModulusBitCount)
    }

    /// The tag of the first element inside the outer SEQUENCE, if the bytes parse that far.
    private static func firstInnerTag(_ der: [UInt8]) -> UInt8? {
        var reader = DERReader(der[...])
        return (try? reader.readSequence())?.nextTag
    }
}
