/// SEC 1 (`EC PRIVATE KEY`, RFC 5915) and PKCS #8 (`PRIVATE KEY`, RFC 5208 / RFC 5915 §3)
/// encodings of a development EC private key, in DER and PEM, both directions.
extension ECPrivateKey {
    /// Loads a key from DER: a PKCS #8 PrivateKeyInfo with id-ecPublicKey and a named curve, or
    /// a SEC 1 ECPrivateKey that names its curve (`[0]`). A stored public key (`[1]`) must be
    /// `d·G`; curve parameters in both places must agree. Strict DER, no trailing bytes.
    ///
    /// ```swift
    /// let key = try ECPrivateKey(derRepresentation: Array(try Data(contentsOf: url)))
    /// ```
    ///
    /// - Throws: ``ECKeyError`` with `malformedPrivateKey`, `unsupportedCurve`,
    ///   `publicKeyMismatch` or `invalidScalar`.
    public init(derRepresentation der: [UInt8]) throws(ECKeyError) {
        let curve: ECCurve
        let scalar: ArraySlice<UInt8>
        let storedPublicKey: ArraySlice<UInt8>?
        do throws(DERError) {
            var document = DERReader(der[...])
            var outer = try document.readSequence()
            try document.finish()
            let version = try outer.readSmallInteger()
            if outer.nextTag == DERReader.Tag.sequence {
                // PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING ECPrivateKey }
                guard version == 0 else { throw DERError(reason: .unsupportedVersion) }
                var algorithm = try outer.readSequence()
                guard try algorithm.readObjectIdentifier().elementsEqual(ECCurve.ecPublicKeyObjectIdentifier) else {
                    throw DERError(reason: .unexpectedAlgorithm)
                }
                guard let named = ECCurve(objectIdentifier: try algorithm.readObjectIdentifier()) else {
                    throw DERError(reason: .unsupportedCurve)
                }
                try algorithm.finish()
                var sequence = try outer.readPKCS8PrivateKey()
                guard try sequence.readSmallInteger() == 1 else { throw DERError(reason: .unsupportedVersion) }
                (scalar, storedPublicKey) = try Self.readSEC1Members(&sequence, curve: named)
                curve = named
            } else {
                guard version == 1 else { throw DERError(reason: .unsupportedVersion) }
                var probe = outer
                _ = try probe.readOctetString()
                // Without [0] the curve is unknown (it lives outside the key in that case).
                var parameters = try probe.readExplicit(0)
                guard let named = ECCurve(objectIdentifier: try parameters.readObjectIdentifier()) else {
                    throw DERError(reason: .unsupportedCurve)
                }
                (scalar, storedPublicKey) = try Self.readSEC1Members(&outer, curve: named)
                curve = named
            }
        } catch {
            throw ECKeyError(error.reason == .unsupportedCurve ? .unsupportedCurve : .malformedPrivateKey)
        }
        // RFC 5915: the scalar has the order's byte length; some old encoders dropped leading zeros.
        guard scalar.count <= curve.coordinateByteCount else { throw ECKeyError(.invalidScalar) }
        try self.init(curve: curve, scalar: [UInt8](repeating: 0, count: curve.coordinateByteCount - scalar.count) + scalar)
        if let storedPublicKey, !storedPublicKey.elementsEqual(publicKey.x963Representation) {
            throw ECKeyError(.publicKeyMismatch)
        }
    }

    /// The members after the version of an ECPrivateKey: the scalar, optional `[0]` parameters
    /// (which must name `curve`) and the optional `[1]` public key, then the end.
    private static func readSEC1Members(
        _ sequence: inout DERReader, curve: ECCurve
    ) throws(DERError) -> (scalar: ArraySlice<UInt8>, publicKey: ArraySlice<UInt8>?) {
        let scalar = try sequence.readOctetString()
        if sequence.nextTag == 0xA0 {
            var parameters = try sequence.readExplicit(0)
            guard try parameters.readObjectIdentifier().elementsEqual(curve.objectIdentifier) else {
                throw DERError(reason: .unsupportedCurve)
            }
            try parameters.finish()
        }
        var publicKey: ArraySlice<UInt8>?
        if sequence.nextTag == 0xA1 {
            var wrapper = try sequence.readExplicit(1)
            publicKey = try wrapper.readOctetAlignedBitString()
            try wrapper.finish()
        }
        try sequence.finish()
        return (scalar, publicKey)
    }

    /// Loads a key from PEM text labelled `PRIVATE KEY` (PKCS #8) or `EC PRIVATE KEY` (SEC 1);
    /// the text must hold exactly one PEM block (remove an `EC PARAMETERS` block first).
    ///
    /// ```swift
    /// let key = try ECPrivateKey(pemRepresentation: pemText)
    /// ```
    ///
    /// - Throws: ``ECKeyError`` with `malformedPrivateKey` (PEM, label) or as ``init(derRepresentation:)``.
    public init(pemRepresentation: String) throws(ECKeyError) {
        guard let document = try? PEMDocument(parsing: pemRepresentation),
              document.hasLabel("PRIVATE KEY") || document.hasLabel("EC PRIVATE KEY"),
              RSAPrivateKey.isPKCS8(document.derBytes) == document.hasLabel("PRIVATE KEY") else {
            throw ECKeyError(.malformedPrivateKey)
        }
        try self.init(derRepresentation: document.derBytes)
    }

    /// The SEC 1 ECPrivateKey DER: version 1, the scalar, `[0]` the curve OID, `[1]` the public key.
    public var sec1DERRepresentation: [UInt8] {
        DERWriter.sequence([
            DERWriter.integer(1), DERWriter.octetString(scalar),
            DERWriter.explicit(0, DERWriter.objectIdentifier(curve.objectIdentifier)),
            DERWriter.explicit(1, DERWriter.bitString(publicKey.x963Representation)),
        ])
    }

    /// The PKCS #8 PrivateKeyInfo DER: version 0, id-ecPublicKey with the curve OID, and the
    /// ECPrivateKey without `[0]` (the curve is in the algorithm), as OpenSSL 3 writes it.
    public var pkcs8DERRepresentation: [UInt8] {
        let inner = DERWriter.sequence([
            DERWriter.integer(1), DERWriter.octetString(scalar),
            DERWriter.explicit(1, DERWriter.bitString(publicKey.x963Representation)),
        ])
        return DERWriter.sequence([
            DERWriter.integer(0),
            DERWriter.sequence([
                DERWriter.objectIdentifier(ECCurve.ecPublicKeyObjectIdentifier), DERWriter.objectIdentifier(curve.objectIdentifier),
            ]),
            DERWriter.octetString(inner),
        ])
    }

    /// `-----BEGIN EC PRIVATE KEY-----` PEM (SEC 1).
    ///
    /// ```swift
    /// try ECPrivateKey.generate(curve: .p256).sec1PEMRepresentation.write(toFile: "dev-ec.pem", atomically: true, encoding: .utf8)
    /// ```
    public var sec1PEMRepresentation: String {
        PEMDocument(label: "EC PRIVATE KEY", derBytes: sec1DERRepresentation).pemString
    }

    /// `-----BEGIN PRIVATE KEY-----` PEM (PKCS #8, unencrypted).
    public var pkcs8PEMRepresentation: String {
        PEMDocument(label: "PRIVATE KEY", derBytes: pkcs8DERRepresentation).pemString
    }
}
