import Testing
@testable import HTTPServer

/// Mutated requests: whatever the bytes, the parser must not crash, and feeding them all at once,
/// byte by byte or in random pieces must give the same requests and the same refusal.
@Suite struct ParserMutationTests {
    /// A small deterministic generator (SplitMix64), so failures are reproducible by seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [String] = [
        "GET /hello?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n",
        "POST /upload HTTP/1.1\r\nHost: h:8080\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello",
        "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
        "\r\nGET http://h/a%20b HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
    ]

    static let interesting: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x00, 0x3A, 0x3B, 0x25, 0x2C, 0x30, 0x46, 0x7F, 0xFF, 0x22]

    static func mutate(_ input: [UInt8], using random: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = Int.random(in: 0..<max(1, bytes.count), using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] = interesting.randomElement(using: &random) ?? 0
            case 1: bytes.insert(interesting.randomElement(using: &random) ?? 0, at: min(position, bytes.count))
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
            default:
                let end = min(bytes.count, position + Int.random(in: 1...12, using: &random))
                bytes.insert(contentsOf: bytes[min(position, end)..<end], at: min(position, bytes.count))
            }
        }
        return bytes
    }

    @Test func feedingDoesNotChangeTheOutcome() {
        var random = SplitMix(state: 0xE17A_A117)
        var refused = 0
        var accepted = 0
        let rounds = 5000
        for round in 0..<rounds {
            let seed = Array(Self.seeds[round % Self.seeds.count].utf8)
            let bytes = Self.mutate(seed, using: &random)
            let whole = ParserDriver.run(bytes)
            let trickled = ParserDriver.run(bytes, chunkSize: 1)
            let pieces = ParserDriver.run(bytes, chunkSize: Int.random(in: 2...17, using: &random))
            for other in [trickled, pieces] {
                #expect(other.reason == whole.reason, "round \(round) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(other.reason.map { "\($0)" } ?? "nil") vs \(whole.reason.map { "\($0)" } ?? "nil")")
                #expect(other.requests.map(\.request.rawTarget) == whole.requests.map(\.request.rawTarget), "round \(round)")
                #expect(other.requests.map(\.request.body) == whole.requests.map(\.request.body), "round \(round)")
            }
            if whole.error != nil { refused += 1 } else { accepted += 1 }
        }
        print("parser mutations: \(rounds) mutated requests, \(refused) refused, \(accepted) accepted or pending")
        #expect(refused > 0 && accepted > 0)
    }
}
