/// Writes ``JSONValue``s as compact JSON: no insignificant whitespace, members in their stored
/// order, numbers as their original text, strings with the minimal RFC 8259 escapes (`"`, `\`,
/// and control characters; everything else as UTF-8).
///
/// The output of a value read by ``JSONReader`` parses back to an equal value, and always fits
/// on one line, which the `entra-auth verify` output relies on.
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
        for byte in string.utf8 {
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
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
