/// Syntax checks for `uri-host [ ":" port ]`, used for the `Host` field, absolute-form
/// authorities and CONNECT's authority-form (RFC 9110 §7.2, RFC 3986 §3.2).
enum HTTPAuthority {
    /// Throws ``HTTPParseError/Reason/invalidHost`` unless `bytes` is a non-empty host (reg-name,
    /// IPv4 or a bracketed IPv6 literal) with an optional port of 1–5 digits no larger than 65535.
    /// Userinfo (`user@host`), paths, whitespace and lists (`a, b`, also `a,b`) are refused.
    static func validate(_ bytes: UnsafeRawBufferPointer, requirePort: Bool) throws(HTTPParseError) {
        guard !bytes.isEmpty else { throw invalid }
        var index = 0
        if bytes[0] == UInt8(ascii: "[") {
            index = 1
            while index < bytes.count && bytes[index] != UInt8(ascii: "]") {
                let byte = bytes[index]
                guard HTTPByteClass.hexValue(byte) != nil || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
                else { throw invalid }
                index += 1
            }
            guard index < bytes.count, index > 1 else { throw invalid }
            index += 1
        } else {
            let table = HTTPByteClass.table
            while index < bytes.count && bytes[index] != UInt8(ascii: ":") {
                let byte = bytes[index]
                guard table[Int(byte)] & HTTPByteClass.regName != 0 else { throw invalid }
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count, HTTPByteClass.hexValue(bytes[index + 1]) != nil,
                        HTTPByteClass.hexValue(bytes[index + 2]) != nil
                    else { throw invalid }
                }
                index += 1
            }
            guard index > 0 else { throw invalid }
        }
        if index == bytes.count {
            if requirePort { throw invalid }
            return
        }
        guard bytes[index] == UInt8(ascii: ":") else { throw invalid }
        let digits = bytes.count - index - 1
        guard (1...5).contains(digits) else { throw invalid }
        var port = 0
        for position in (index + 1)..<bytes.count {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw invalid }
            port = port * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard port <= 65535 else { throw invalid }
    }

    /// Built only when thrown.
    private static var invalid: HTTPParseError {
        HTTPParseError(.invalidHost, "The host is not a valid host[:port] authority.")
    }
}
