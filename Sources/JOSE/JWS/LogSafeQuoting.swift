extension String {
    /// This string as a double-quoted, ASCII-only literal for error messages and logs: printable
    /// ASCII stays, `"` and `\` are backslash-escaped, and every other scalar is written
    /// `\u{HEX}`. Header values come from the attacker; written this way they cannot break a
    /// log line (U+2028, U+0085, CR, LF), reorder it (U+202E) or drive a terminal (ESC), which
    /// `debugDescription` does not guarantee.
    ///
    /// ```swift
    /// "k1\u{2028}x".logSafeQuoted   // "\"k1\\u{2028}x\""
    /// ```
    var logSafeQuoted: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result + "\""
    }
}
