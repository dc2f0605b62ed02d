import Foundation

/// Loading helpers for the hash, HMAC and encoding test vectors under `Vectors/`.
/// Namespaced so they cannot collide with other suites' helpers in this target.
enum HashVectorFiles {
    enum LoadError: Error, CustomStringConvertible {
        case missingVectorsFolder
        case invalidHex(String)

        var description: String {
            switch self {
            case .missingVectorsFolder: "the test bundle has no Vectors folder"
            case .invalidHex(let text): "not a hex string: \(text.prefix(40))"
            }
        }
    }

    /// The contents of `Vectors/<relativePath>`.
    static func data(_ relativePath: String) throws -> Data {
        guard let folder = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
            throw LoadError.missingVectorsFolder
        }
        return try Data(contentsOf: folder.appendingPathComponent(relativePath))
    }

    /// The contents of `Vectors/<relativePath>` as UTF-8 text.
    static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }

    /// The bytes spelled by an even-length hex string (either case).
    static func bytes(hex: some StringProtocol) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw LoadError.invalidHex(String(hex)) }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
                throw LoadError.invalidHex(String(hex))
            }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    /// Lowercase hex of `bytes`, for readable failure messages.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
