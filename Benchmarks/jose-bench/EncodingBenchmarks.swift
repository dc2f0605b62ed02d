import JOSE

/// `base64url-decode` (extra figure): strict decoding of a 1 KiB-payload token part, in MB/s of
/// base64url text — the work done on every token's three parts.
func benchmarkBase64URLDecode() {
    let payload = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
    let text = Array(Base64URL.encode(payload).utf8)
    text.withUnsafeBytes { bytes in
        measure(name: "base64url-decode", unit: "MB/s", unitsPerOperation: Double(bytes.count) / 1_000_000) {
            (try? Base64URL.decode(bytes))?.count ?? -1
        }
    }
}
