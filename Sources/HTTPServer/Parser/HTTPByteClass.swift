/// 256-entry classification of bytes for the grammar rules the parser checks on every byte.
///
/// One table of bit flags, built once; hot loops fetch it with `withUnsafeBufferPointer` and test
/// a byte with a single load and mask instead of a chain of range comparisons.
enum HTTPByteClass {
    /// `tchar` (RFC 9110 §5.6.2): what methods, field names and transfer codings are made of.
    static let token: UInt8 = 1 << 0
    /// A byte allowed inside a field value: VCHAR, obs-text (0x80–0xFF), SP and HTAB (RFC 9110 §5.5).
    static let fieldValue: UInt8 = 1 << 1
    /// A byte allowed in an origin-form target: RFC 3986 `pchar`, `/`, `?` (and `%` for escapes).
    static let target: UInt8 = 1 << 2
    /// `HEXDIG`, either case.
    static let hexDigit: UInt8 = 1 << 3
    /// A byte of a `reg-name` or IPv4 host: unreserved, sub-delims and `%` (RFC 3986 §3.2.2),
    /// except `,`: a comma makes `Host` read as a list to intermediaries that split on it
    /// (attacks.md B16, http11probe SMUG-MULTIPLE-HOST-COMMA), and no real host contains one.
    static let regName: UInt8 = 1 << 4

    /// The flags of every byte value.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        func mark(_ characters: String, _ flag: UInt8) {
            for byte in characters.utf8 { table[Int(byte)] |= flag }
        }
        let alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        let digits = "0123456789"
        let unreserved = alpha + digits + "-._~"
        let subDelims = "!$&'()*+,;="
        mark(alpha + digits + "!#$%&'*+-.^_`|~", token)
        for byte in 0x21...0x7E { table[byte] |= fieldValue }
        for byte in 0x80...0xFF { table[byte] |= fieldValue }
        mark(" \t", fieldValue)
        mark(unreserved + subDelims + ":@/?%", target)
        mark(digits + "abcdefABCDEF", hexDigit)
        mark(unreserved + subDelims.filter { $0 != "," } + "%", regName)
        return table
    }()

    /// The value of an ASCII hex digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }
}
