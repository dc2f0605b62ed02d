/// The query of a request target, decoded the way the identity endpoints need it: `%XX` is
/// decoded, `+` stays `+` (azure-core sends `resource=api://aad-func` unencoded, MSAL sends
/// `api%3A%2F%2Faad-func`; neither form-encodes spaces), names are kept in order so duplicates
/// can be refused.
struct RawQuery {
    /// The decoded pairs in order; a name without `=` has an empty value.
    var items: [(name: String, value: String)]

    /// Why a query could not be decoded.
    struct Malformed: Error {
        var detail: String
    }

    /// Parses the part of `rawTarget` after the first `?` (nothing when there is none).
    init(rawTarget: String) throws(Malformed) {
        items = []
        guard let mark = rawTarget.firstIndex(of: "?") else { return }
        let query = rawTarget[rawTarget.index(after: mark)...]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            items.append((name, value))
        }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    /// The first name that appears more than once.
    var firstDuplicateName: String? {
        var seen = Set<String>()
        return items.first { !seen.insert($0.name).inserted }?.name
    }

    /// The first name not in `known`.
    func firstUnknownName(known: Set<String>) -> String? {
        items.first { !known.contains($0.name) }?.name
    }

    private static func decode(_ text: Substring) throws(Malformed) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let high = hexValue(utf8.removeFirst()), let low = hexValue(utf8.removeFirst()) else {
                throw Malformed(detail: "a % escape is not followed by two hexadecimal digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(detail: "a query parameter does not decode to UTF-8")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
