import Testing
import JOSE

/// NIST CAVP SHAVS known answers (byte-oriented) for SHA-256, SHA-384 and SHA-512.
@Suite("SHA-2 NIST SHAVS vectors")
struct NISTSHA2Tests {
    /// How many records each file holds (see Vectors/nist-sha2/PROVENANCE.md), so a parser that
    /// silently skips records fails here.
    static let expectedCounts: [String: Int] = [
        "SHA256ShortMsg": 65, "SHA256LongMsg": 64, "SHA256Monte": 100,
        "SHA384ShortMsg": 129, "SHA384LongMsg": 128, "SHA384Monte": 100,
        "SHA512ShortMsg": 129, "SHA512LongMsg": 128, "SHA512Monte": 100,
    ]

    static func fileStem(_ algorithm: DigestAlgorithm) -> String {
        switch algorithm {
        case .sha256: "SHA256"
        case .sha384: "SHA384"
        case .sha512: "SHA512"
        }
    }

    @Test("ShortMsg and LongMsg known answers", arguments: DigestAlgorithm.allCases, ["ShortMsg", "LongMsg"])
    func messageKnownAnswers(algorithm: DigestAlgorithm, kind: String) throws {
        let name = Self.fileStem(algorithm) + kind
        let file = NISTResponseFile(text: try HashVectorFiles.text("nist-sha2/\(name).rsp"))
        var checked = 0
        for record in file.records {
            let length = try #require(record["Len"].flatMap { Int($0) }, "record without Len in \(name)")
            let message = try HashVectorFiles.bytes(hex: try #require(record["Msg"]))
            let expected = try HashVectorFiles.bytes(hex: try #require(record["MD"]))
            // `Len = 0` carries `Msg = 00`: the message is the first Len/8 bytes.
            let input = Array(message.prefix(length / 8))
            let digest = algorithm.hash(input)
            #expect(digest == expected, "\(name) Len=\(length): got \(HashVectorFiles.hex(digest))")
            checked += 1
        }
        print("nist-sha2 \(name).rsp: \(checked) vectors")
        #expect(checked == Self.expectedCounts[name])
    }

    @Test("Monte Carlo (SHAVS §6.4)", arguments: DigestAlgorithm.allCases)
    func monteCarlo(algorithm: DigestAlgorithm) throws {
        let name = Self.fileStem(algorithm) + "Monte"
        let file = NISTResponseFile(text: try HashVectorFiles.text("nist-sha2/\(name).rsp"))
        let seedRecord = try #require(file.records.first { $0["Seed"] != nil }, "no Seed in \(name)")
        var seed = try HashVectorFiles.bytes(hex: try #require(seedRecord["Seed"]))
        var checked = 0
        for record in file.records where record["COUNT"] != nil {
            let count = try #require(record["COUNT"])
            let expected = try HashVectorFiles.bytes(hex: try #require(record["MD"]))
            var previous = [seed, seed, seed]
            var message: [UInt8] = []
            message.reserveCapacity(3 * algorithm.digestByteCount)
            for _ in 3...1002 {
                message.removeAll(keepingCapacity: true)
                message += previous[0]
                message += previous[1]
                message += previous[2]
                let next = algorithm.hash(message)
                previous = [previous[1], previous[2], next]
            }
            seed = previous[2]
            #expect(seed == expected, "\(name) COUNT=\(count): got \(HashVectorFiles.hex(seed))")
            checked += 1
        }
        print("nist-sha2 \(name).rsp: \(checked) vectors")
        #expect(checked == Self.expectedCounts[name])
    }
}
