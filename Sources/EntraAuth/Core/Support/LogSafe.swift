/// A value from a token (or from configuration) made safe to put in a log line or an error
/// description: quoted, printable ASCII only (anything else as `\u{…}`), at most 80 scalars.
///
/// Descriptions never contain the token itself; they name claims and values that are not
/// secrets (issuer, audience, kid, tenant, app and object IDs, times).
func logSafe(_ value: some StringProtocol) -> String {
    var out = "\""
    var count = 0
    for scalar in value.unicodeScalars {
        if count == 80 {
            out += "…"
            break
        }
        count += 1
        switch scalar.value {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x20...0x7E: out.unicodeScalars.append(scalar)
        default: out += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return out + "\""
}
