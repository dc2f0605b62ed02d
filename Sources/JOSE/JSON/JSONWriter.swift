/// Writes ``JSONValue``s as compact JSON: no insignificant whitespace, members in their stored
/// order, numbers as their original text, strings with the RFC 8259 escapes (`"`, `\`, control
/// characters and DEL) plus `\u2028`, `\u2029` and `\u0085`; everything else as UTF-8.
///
/// The output of a value read by ``JSONReader`` parses back to an equal value, and always fits
/// on one line — also for consumers that break lines at U+2028, U+2029 or NEL (JavaScript,
/// Python's `splitlines`) — which the `entra-auth verify` output relies on.
///
/// ```swift
/// let claims = try JSONReader.parse(Array(#"{ "sub" : "alice", "roles": ["DoAll"] }"#.utf8))
/// JSONWriter.serialize(claims)   // {"sub":"alice","roles":["DoAll"]}
/// ```
public enum JSONWriter {
    /// The compact JSON text of `value`.
    public static func serialize(_ value: JSONValue) -> String {
        String(decoding: serializedBytes(value), as: UTF8.self)
    }

    /// The compact JSON text of `value` as UTF-8 bytes.
    public static func serializedBytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let string): writeString(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.name, to: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        var position = utf8.startIndex
        while position != utf8.endIndex {
            let byte = utf8[position]
            position = utf8.index(after: position)
            switch byte {
            case UInt8(ascii: "\""):
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "\\"))
            case 0x0A:
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "n"))
            case 0x0D:
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "r"))
            case 0x09:
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            case 0xC2 where position != utf8.endIndex && utf8[position] == 0x85:
                // U+0085 NEL (C2 85).
                position = utf8.index(after: position)
                output.append(contentsOf: "\\u0085".utf8)
            case 0xE2 where utf8[position...].starts(with: [0x80, 0xA8]) || utf8[position...].starts(with: [0x80, 0xA9]):
                // U+2028 LINE SEPARATOR (E2 80 A8) and U+2029 PARAGRAPH SEPARATOR (E2 80 A9).
                let last = utf8[utf8.index(after: position)]
                position = utf8.index(position, offsetBy: 2)
                output.append(contentsOf: (last == 0xA8 ? "\\u2028" : "\\u2029").utf8)
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
