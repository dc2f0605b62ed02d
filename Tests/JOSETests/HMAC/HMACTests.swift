import Testing
import JOSE

/// HMAC behaviour beyond the Wycheproof vectors: RFC 4231 known answers for long keys,
/// streaming, and the constant-time comparison's results.
@Suite("HMAC")
struct HMACTests {
    /// RFC 4231 test case 6: a 131-byte key (longer than the SHA-256 block, so it is hashed first).
    @Test("RFC 4231 test case 6 (key longer than a block)")
    func longKey() throws {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(HMAC<SHA256>.authenticationCode(for: message, key: key)
            == (try HashVectorFiles.bytes(hex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")))
        #expect(HMAC<SHA384>.authenticationCode(for: message, key: key)
            == (try HashVectorFiles.bytes(hex: "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952")))
        #expect(HMAC<SHA512>.authenticationCode(for: message, key: key)
            == (try HashVectorFiles.bytes(hex: "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")))
    }

    @Test("streaming equals one-shot; finalize leaves the value usable")
    func streaming() {
        let key = Array("a 32-byte secret for HS256 tests".utf8)
        let message = Array(repeating: Array("eyJhbGciOiJIUzI1NiJ9.payload.".utf8), count: 20).flatMap { $0 }
        var mac = HMAC<SHA256>(key: key)
        for chunk in stride(from: 0, to: message.count, by: 37) {
            message[chunk..<min(chunk + 37, message.count)].withUnsafeBytes { mac.update($0) }
        }
        let streamed = mac.finalize()
        #expect(streamed == mac.finalize())
        #expect(streamed == HMAC<SHA256>.authenticationCode(for: message, key: key))
        #expect(streamed == DigestAlgorithm.sha256.authenticationCode(for: message, key: key))
    }

    @Test("verification refuses wrong, truncated and over-long codes")
    func verification() {
        let key = Array("key".utf8)
        let message = Array("The quick brown fox jumps over the lazy dog".utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, key: key)
        #expect(HMAC<SHA256>.isValidAuthenticationCode(code, for: message, key: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(code.dropLast(), for: message, key: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(code + [0], for: message, key: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode([UInt8](), for: message, key: key))
        for index in code.indices {
            var altered = code
            altered[index] ^= 0x01
            #expect(!HMAC<SHA256>.isValidAuthenticationCode(altered, for: message, key: key), "bit flip at \(index) accepted")
        }
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(code, for: message, key: Array("kez".utf8)))
    }

    @Test("raw-buffer entry points agree with the collection ones")
    func rawBuffers() {
        let key = Array("raw key".utf8)
        let message = Array(repeating: UInt8(0x61), count: 1000)
        for algorithm in DigestAlgorithm.allCases {
            let code = algorithm.authenticationCode(for: message, key: key)
            let rawCode = message.withUnsafeBytes { m in key.withUnsafeBytes { k in algorithm.authenticationCode(for: m, key: k) } }
            #expect(rawCode == code)
            let verified = code.withUnsafeBytes { c in
                message.withUnsafeBytes { m in key.withUnsafeBytes { k in algorithm.isValidAuthenticationCode(c, for: m, key: k) } }
            }
            #expect(verified)
            let truncated = code.dropLast().withUnsafeBytes { c in
                message.withUnsafeBytes { m in key.withUnsafeBytes { k in algorithm.isValidAuthenticationCode(c, for: m, key: k) } }
            }
            #expect(!truncated)
        }
        let viaKeyBytes = key.withUnsafeBytes { HMAC<SHA384>(keyBytes: $0) }.finalize()
        #expect(viaKeyBytes == HMAC<SHA384>.authenticationCode(for: [UInt8](), key: key))
        let lazyKey = key.lazy.map { $0 }                      // non-contiguous: copying path
        #expect(HMAC<SHA512>(key: lazyKey).finalize() == HMAC<SHA512>(key: key).finalize())
    }

    @Test("ConstantTime.equals compares contents and lengths")
    func constantTimeEquals() {
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(!ConstantTime.equals([0x80] as [UInt8], [0x00] as [UInt8]))
        #expect(ConstantTime.equals([9, 8, 7] as [UInt8], ([0, 9, 8, 7] as [UInt8]).dropFirst()))
        #expect(ConstantTime.equals([9, 8, 7] as [UInt8], ([9, 8, 7] as [UInt8]).lazy.map { $0 }))
        let same = [UInt8](repeating: 5, count: 64).withUnsafeBytes { a in
            [UInt8](repeating: 5, count: 64).withUnsafeBytes { b in ConstantTime.equals(a, b) }
        }
        #expect(same)
    }
}
