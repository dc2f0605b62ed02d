/// Percent-encodes `value` for a query component: every byte outside RFC 3986's unreserved set
/// (`A–Z a–z 0–9 - . _ ~`) becomes `%XX`, so `/`, `:`, `+` and `&` in resource URIs and ARM IDs
/// arrive intact whatever form decoding the server applies.
///
/// ```swift
/// percentEncodedQueryValue("api://aad-func")   // "api%3A%2F%2Faad-func"
/// ```
func percentEncodedQueryValue(_ value: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(value.utf8.count * 3)
    for byte in value.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            output.append(byte)
        default:
            output.append(UInt8(ascii: "%"))
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
    }
    return String(decoding: output, as: UTF8.self)
}
