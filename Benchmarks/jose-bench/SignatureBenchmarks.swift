import JOSE

/// The signing input every signature figure verifies: about the size of an Entra access
/// token's `header.payload` (700 bytes), so the hash cost is realistic.
private let signingInput: [UInt8] = Array(repeating: UInt8(ascii: "e"), count: 700)

/// `rs256-verify`: RSASSA-PKCS1-v1_5 with SHA-256 under a 2048-bit key (e = 65537), including
/// hashing the signing input, in ops/s — the figure compared with `openssl speed rsa2048`.
func benchmarkRS256Verify() {
    let key = RSAPrivateKey.generate()
    let publicKey = key.publicKey
    let signature = key.signature(for: signingInput, padding: .pkcs1v15, digest: .sha256)
    measure(name: "rs256-verify") {
        publicKey.isValidSignature(signature, for: signingInput, padding: .pkcs1v15, digest: .sha256) ? 1 : 0
    }
}

/// `ps256-verify`: RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt under a 2048-bit key, in ops/s.
func benchmarkPS256Verify() {
    let key = RSAPrivateKey.generate()
    let publicKey = key.publicKey
    let signature = key.signature(for: signingInput, padding: .pss, digest: .sha256)
    measure(name: "ps256-verify") {
        publicKey.isValidSignature(signature, for: signingInput, padding: .pss, digest: .sha256) ? 1 : 0
    }
}

/// `es256-verify`: ECDSA P-256 with SHA-256 over a raw r‖s signature, including hashing the
/// signing input, in ops/s — the figure compared with `openssl speed ecdsap256`.
func benchmarkES256Verify() {
    let key = ECPrivateKey.generate(curve: .p256)
    let publicKey = key.publicKey
    let signature = key.signature(for: signingInput, digest: .sha256)
    measure(name: "es256-verify") {
        publicKey.isValidSignature(signature, for: signingInput, digest: .sha256) ? 1 : 0
    }
}
