import JOSE

/// Where each value and member name of an already-validated JSON document starts, by path
/// (`identities[1].clientId`), so configuration errors found after parsing can still name a
/// line and column. `JSONValue` keeps no positions; this second, tolerant pass over the same
/// bytes recovers them.
struct JSONSourceMap {
    private(set) var valueOffsets: [String: Int] = [:]
    private(set) var nameOffsets: [String: Int] = [:]
    private let bytes: [UInt8]

    /// Maps `bytes`, which `JSONReader` has already accepted.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var index = 0
        scanValue(path: "", &index)
    }

    /// The 1-based line and column of `path`'s member name (when `name` is true and it has one)
    /// or value; the document start when the path is unknown.
    func position(of path: String, name: Bool = false) -> TextPosition {
        let offset = (name ? nameOffsets[path] : nil) ?? valueOffsets[path] ?? nameOffsets[path] ?? 0
        return TextPosition(offset: offset, in: bytes)
    }

    private func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    private func skipWhitespace(_ index: inout Int) {
        while [0x20, 0x09, 0x0A, 0x0D].contains(byte(index)) { index += 1 }
    }

    /// Moves past a string starting at `index` (on its opening quote).
    private func skipString(_ index: inout Int) {
        index += 1
        while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        index += 1
    }

    private mutating func scanValue(path: String, _ index: inout Int) {
        skipWhitespace(&index)
        valueOffsets[path] = index
        switch byte(index) {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace(&index)
            if byte(index) == UInt8(ascii: "}") { index += 1; return }
            while index < bytes.count {
                skipWhitespace(&index)
                let nameStart = index
                skipString(&index)
                let nameBytes = bytes[nameStart..<min(index, bytes.count)]
                let name = (try? JSONReader.parse(Array(nameBytes)))?.stringValue ?? ""
                let child = path.isEmpty ? name : path + "." + name
                nameOffsets[child] = nameStart
                skipWhitespace(&index)
                index += 1  // ':'
                scanValue(path: child, &index)
                skipWhitespace(&index)
                let separator = byte(index)
                index += 1
                if separator != UInt8(ascii: ",") { return }
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace(&index)
            if byte(index) == UInt8(ascii: "]") { index += 1; return }
            var element = 0
            while index < bytes.count {
                scanValue(path: path + "[\(element)]", &index)
                element += 1
                skipWhitespace(&index)
                let separator = byte(index)
                index += 1
                if separator != UInt8(ascii: ",") { return }
            }
        case UInt8(ascii: "\""):
            skipString(&index)
        default:
            while index < bytes.count && !Array(",]} \t\r\n".utf8).contains(bytes[index]) { index += 1 }
        }
    }
}
