/// PKCS #1 (`RSA PRIVATE KEY`, RFC 8017 A.1.2) and PKCS #8 (`PRIVATE KEY`, RFC 5208) encodings
/// of a development RSA private key, in DER and PEM, both directions.
extension RSAPrivateKey {
    /// Loads a key from DER: a PKCS #8 PrivateKeyInfo with the rsaEncryption algorithm, or a
    /// PKCS #1 two-prime RSAPrivateKey. Parsing is strict DER with no trailing bytes; the CRT
    /// members (`exponent1`, `exponent2`, `coefficient`) must match `d`, `p` and `q`.
    ///
    /// ```swift
    /// let key = try RSAPrivateKey(derRepresentation: Array(try Data(contentsOf: url)))
    /// ```
    ///
    /// - Throws: ``RSAKeyError`` with `malformedEncoding` (structure, version, multi-prime,
    ///   algorithm), `invalidPrivateKey` (inconsistent members) or a public-key reason.
    public init(derRepresentation der: [UInt8]) throws(RSAKeyError) {
        let members: [ArraySlice<UInt8>]
        do throws(DERError) {
            var document = DERReader(der[...])
            var outer = try document.readSequence()
            try document.finish()
            let version = try outer.readSmallInteger()
            if outer.nextTag == DERReader.Tag.sequence {
                // PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING RSAPrivateKey }
                guard version == 0 else { throw DERError(reason: .unsupportedVersion) }
                var algorithm = try outer.readSequence()
                guard try algorithm.readObjectIdentifier().elementsEqual(RSAPublicKey.rsaEncryptionObjectIdentifier) else {
                    throw DERError(reason: .unexpectedAlgorithm)
                }
                try algorithm.readNull()
                try algorithm.finish()
                var sequence = try outer.readPKCS8PrivateKey()
                guard try sequence.readSmallInteger() == 0 else { throw DERError(reason: .unsupportedVersion) }
                members = try Self.readPKCS1Members(&sequence)
            } else {
                // Version 1 is multi-prime (otherPrimeInfos), which is not supported.
                guard version == 0 else { throw DERError(reason: .unsupportedVersion) }
                members = try Self.readPKCS1Members(&outer)
            }
        } catch {
            throw RSAKeyError(.malformedEncoding, "RSA private key DER: \(error.description)")
        }
        try self.init(
            modulus: Array(members[0]), publicExponent: Array(members[1]), privateExponent: Array(members[2]),
            prime1: Array(members[3]), prime2: Array(members[4]))
        try checkCRTMembers(dp: Array(members[5]), dq: Array(members[6]), qi: Array(members[7]))
    }

    /// The eight INTEGERs after the version of a two-prime RSAPrivateKey, then the end.
    private static func readPKCS1Members(_ sequence: inout DERReader) throws(DERError) -> [ArraySlice<UInt8>] {
        var members: [ArraySlice<UInt8>] = []
        for _ in 0..<8 { members.append(try sequence.readUnsignedInteger()) }
        try sequence.finish()
        return members
    }

    /// Checks optional CRT members against the ones derived from `d`, `p` and `q`.
    func checkCRTMembers(dp: [UInt8]?, dq: [UInt8]?, qi: [UInt8]?) throws(RSAKeyError) {
        for (given, derived, name) in [(dp, exponent1, "dp"), (dq, exponent2, "dq"), (qi, coefficient, "qi")] {
            if let given, BigUInt(bigEndian: given) != derived {
                throw RSAKeyError(.invalidPrivateKey, "\(name) does not match d, p and q")
            }
        }
    }

    /// Loads a key from PEM text labelled `PRIVATE KEY` (PKCS #8) or `RSA PRIVATE KEY` (PKCS #1);
    /// the text must hold exactly one PEM block. Encrypted keys are not supported.
    ///
    /// ```swift
    /// let key = try RSAPrivateKey(pemRepresentation: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    /// ```
    ///
    /// - Throws: ``RSAKeyError`` with `malformedEncoding` (PEM, label or DER) or as ``init(derRepresentation:)``.
    public init(pemRepresentation: String) throws(RSAKeyError) {
        let document: PEMDocument
        do throws(PEMDocument.ParseError) {
            document = try PEMDocument(parsing: pemRepresentation)
        } catch {
            throw RSAKeyError(.malformedEncoding, "PEM: \(error)")
        }
        guard document.hasLabel("PRIVATE KEY") || document.hasLabel("RSA PRIVATE KEY") else {
            throw RSAKeyError(.malformedEncoding, "PEM label \(document.label.logSafeQuoted) is not PRIVATE KEY or RSA PRIVATE KEY")
        }
        // Each label names one structure: PKCS #8 has an AlgorithmIdentifier SEQUENCE after its version.
        guard Self.isPKCS8(document.derBytes) == document.hasLabel("PRIVATE KEY") else {
            throw RSAKeyError(.malformedEncoding, "PEM label \(document.label.logSafeQuoted) does not match its contents")
        }
        try self.init(derRepresentation: document.derBytes)
    }

    /// Whether `der` looks like PKCS #8: a SEQUENCE whose second element is a SEQUENCE.
    static func isPKCS8(_ der: [UInt8]) -> Bool {
        var document = DERReader(der[...])
        guard var outer = try? document.readSequence(), (try? outer.readSmallInteger()) != nil else { return false }
        return outer.nextTag == DERReader.Tag.sequence
    }

    /// The PKCS #1 RSAPrivateKey DER (version 0, n, e, d, p, q, dp, dq, qi).
    public var pkcs1DERRepresentation: [UInt8] {
        DERWriter.sequence([
            DERWriter.integer(0),
            DERWriter.unsignedInteger(publicKey.modulus), DERWriter.unsignedInteger(publicKey.publicExponent),
            DERWriter.unsignedInteger(privateExponent), DERWriter.unsignedInteger(prime1), DERWriter.unsignedInteger(prime2),
            DERWriter.unsignedInteger(exponent1.bigEndianBytes), DERWriter.unsignedInteger(exponent2.bigEndianBytes),
            DERWriter.unsignedInteger(coefficient.bigEndianBytes),
        ])
    }

    /// The PKCS #8 PrivateKeyInfo DER (version 0, rsaEncryption with NULL parameters, the PKCS #1 key).
    public var pkcs8DERRepresentation: [UInt8] {
        DERWriter.sequence([
            DERWriter.integer(0),
            DERWriter.sequence([DERWriter.objectIdentifier(RSAPublicKey.rsaEncryptionObjectIdentifier), DERWriter.null]),
            DERWriter.octetString(pkcs1DERRepresentation),
        ])
    }

    /// `-----BEGIN RSA PRIVATE KEY-----` PEM (PKCS #1), as `openssl genrsa -traditional` writes it.
    ///
    /// ```swift
    /// try key.pkcs1PEMRepresentation.write(toFile: "dev-key.pem", atomically: true, encoding: .utf8)
    /// ```
    public var pkcs1PEMRepresentation: String {
        PEMDocument(label: "RSA PRIVATE KEY", derBytes: pkcs1DERRepresentation).pemString
    }

    /// `-----BEGIN PRIVATE KEY-----` PEM (PKCS #8, unencrypted), as `openssl genpkey` writes it.
    public var pkcs8PEMRepresentation: String {
        PEMDocument(label: "PRIVATE KEY", derBytes: pkcs8DERRepresentation).pemString
    }
}
