import JOSE

/// `sha256`: SHA-256 throughput over 8 KiB inputs in MB/s (10^6 bytes, as `openssl speed` counts).
func benchmarkSHA256() {
    let inputByteCount = 8192
    let input = (0..<inputByteCount).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    input.withUnsafeBytes { bytes in
        measure(name: "sha256", unit: "MB/s", unitsPerOperation: Double(inputByteCount) / 1_000_000) {
            Int(SHA256.hash(bytes)[0])
        }
    }
}

/// `hs256-verify`: HMAC-SHA256 verification (full-length, constant-time compare) of a typical
/// ~600-byte JWT signing input with a 32-byte key, in ops/s.
func benchmarkHS256Verify() {
    let key = (0..<32).map { UInt8($0 &* 7 &+ 1) }
    let header = #"{"alg":"HS256","typ":"JWT","kid":"k2Kx0bTPcFrqD5nDn0pqyi9pDbE"}"#
    let payload = """
        {"aud":"api://aad-func","iss":"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",\
        "iat":1763700000,"nbf":1763700000,"exp":1763703900,"aio":"k2BgYJj1zdXr9pKZtJ4W6lYy9tnE8r3cAA==",\
        "azp":"5f6c4c2e-8d9a-4e1b-9f3a-2b7c1d0e4f5a","azpacr":"2","oid":"0b2f1e3d-4c5a-6b7c-8d9e-0f1a2b3c4d5e",\
        "rh":"1.AR8Av4j5cvGGr0GRqy180BHbRw","roles":["DoAll"],"sub":"0b2f1e3d-4c5a-6b7c-8d9e-0f1a2b3c4d5e",\
        "tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","uti":"Xk3b9cQnRUy2mZ1aT4vLAA","ver":"2.0"}
        """
    let signingInput = Array((Base64URL.encode(header.utf8) + "." + Base64URL.encode(payload.utf8)).utf8)
    let tag = DigestAlgorithm.sha256.authenticationCode(for: signingInput, key: key)
    measure(name: "hs256-verify") {
        DigestAlgorithm.sha256.isValidAuthenticationCode(tag, for: signingInput, key: key) ? 1 : 0
    }
}

/// `sha512` (extra figure): SHA-512 throughput over 8 KiB inputs in MB/s, for RS512/PS512/HS512.
func benchmarkSHA512() {
    let inputByteCount = 8192
    let input = (0..<inputByteCount).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    input.withUnsafeBytes { bytes in
        measure(name: "sha512", unit: "MB/s", unitsPerOperation: Double(inputByteCount) / 1_000_000) {
            Int(SHA512.hash(bytes)[0])
        }
    }
}
