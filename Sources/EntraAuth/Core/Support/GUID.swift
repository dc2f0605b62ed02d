/// Whether `value` is a GUID in its canonical 8-4-4-4-12 hexadecimal form (Entra tenant and
/// object IDs). Checked on bytes, without Foundation's `UUID` parser.
func isGUID(_ value: some StringProtocol) -> Bool {
    let bytes = value.utf8
    guard bytes.count == 36 else { return false }
    for (index, byte) in bytes.enumerated() {
        switch index {
        case 8, 13, 18, 23:
            guard byte == UInt8(ascii: "-") else { return false }
        default:
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): continue
            default: return false
            }
        }
    }
    return true
}
