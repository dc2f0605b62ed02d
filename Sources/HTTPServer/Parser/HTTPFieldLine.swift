/// One `field-name ":" OWS field-value OWS` line of a header or trailer section (RFC 9112 §5).
struct HTTPFieldLine {
    /// The field name, exactly as sent.
    var name: UnsafeRawBufferPointer
    /// The field value without surrounding optional whitespace.
    var value: UnsafeRawBufferPointer

    /// Splits and checks one field line (without its CRLF).
    ///
    /// Refuses obs-fold (a leading SP/HTAB), whitespace before the colon, an empty or non-token
    /// name, a missing colon, and any control character in the value other than HTAB — NUL, CR
    /// and LF included (RFC 9110 §5.5: rejecting is the strict choice). obs-text (0x80–0xFF) is
    /// accepted in values, as RFC 9110 allows, and never in names.
    @inline(__always)
    static func parse(_ line: UnsafeRawBufferPointer, table: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPFieldLine {
        let count = line.count
        var colon = 0
        while colon < count {
            let byte = line[colon]
            if table[Int(byte)] & HTTPByteClass.token != 0 {
                colon += 1
                continue
            }
            if byte == UInt8(ascii: ":") { break }
            throw nameError(line, at: colon)
        }
        guard colon < count else {
            throw HTTPParseError(.invalidHeaderName, "A header line has no colon.")
        }
        guard colon > 0 else {
            throw HTTPParseError(.invalidHeaderName, "A header line has an empty field name.")
        }
        var start = colon + 1
        var end = count
        if let invalid = firstInvalidValueByte(line, from: start, table: table) {
            if line[invalid] == UInt8(ascii: "\r") {
                throw HTTPParseError(.invalidLineEnding, "A header value contains a bare CR.")
            }
            throw HTTPParseError(.invalidHeaderValue, "A header value contains a control character.")
        }
        while start < end && (line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t")) { start += 1 }
        while end > start && (line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
        return HTTPFieldLine(name: line.slice(0..<colon), value: line.slice(start..<end))
    }

    /// The index of the first byte from `start` on that may not appear in a field value
    /// (a control character other than HTAB, or DEL), or nil.
    ///
    /// Values such as bearer tokens are long, so sixteen bytes are checked at a time with SIMD:
    /// a block is clean when none of its bytes is below 0x20 or equal to 0x7F; only a block that
    /// fails that test (which includes any HTAB) is looked at byte by byte.
    @inline(__always)
    static func firstInvalidValueByte(
        _ line: UnsafeRawBufferPointer, from start: Int, table: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let end = line.count
        var index = start
        if let base = line.baseAddress {
            let space = SIMD16<UInt8>(repeating: 0x20)
            let delete = SIMD16<UInt8>(repeating: 0x7F)
            while index + 16 <= end {
                let chunk = (base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                if any((chunk .< space) .| (chunk .== delete)) {
                    for position in index..<(index + 16) where table[Int(line[position])] & HTTPByteClass.fieldValue == 0 {
                        return position
                    }
                }
                index += 16
            }
        }
        while index < end {
            if table[Int(line[index])] & HTTPByteClass.fieldValue == 0 { return index }
            index += 1
        }
        return nil
    }

    /// The error for a non-token byte at `index` of a field name.
    private static func nameError(_ line: UnsafeRawBufferPointer, at index: Int) -> HTTPParseError {
        let byte = line[index]
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
            if index == 0 {
                return HTTPParseError(.obsoleteLineFolding, "A header line starts with whitespace (obsolete line folding).")
            }
            var next = index
            while next < line.count && (line[next] == UInt8(ascii: " ") || line[next] == UInt8(ascii: "\t")) { next += 1 }
            if next < line.count && line[next] == UInt8(ascii: ":") {
                return HTTPParseError(.whitespaceBeforeColon, "A header field name is followed by whitespace before the colon.")
            }
        }
        if byte == UInt8(ascii: "\r") {
            return HTTPParseError(.invalidLineEnding, "A header line contains a bare CR.")
        }
        return HTTPParseError(.invalidHeaderName, "A header field name contains a character that is not allowed in a token.")
    }
}
