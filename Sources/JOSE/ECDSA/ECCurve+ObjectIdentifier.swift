/// The DER object identifiers that name the curves in SEC 1 and PKCS #8 keys (RFC 5480 §2.1.1).
extension ECCurve {
    /// DER contents of id-ecPublicKey, 1.2.840.10045.2.1: the PKCS #8 algorithm of every EC key.
    static let ecPublicKeyObjectIdentifier: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]

    /// DER contents of the named-curve OID: prime256v1 (1.2.840.10045.3.1.7) or secp384r1 (1.3.132.0.34).
    var objectIdentifier: [UInt8] {
        switch self {
        case .p256: [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        case .p384: [0x2B, 0x81, 0x04, 0x00, 0x22]
        }
    }

    /// The curve named by the DER contents of an OID, or `nil`.
    init?(objectIdentifier: some Collection<UInt8>) {
        guard let curve = Self.allCases.first(where: { $0.objectIdentifier.elementsEqual(objectIdentifier) }) else { return nil }
        self = curve
    }
}
