/// Percent-decoding of the path and query of a request-target (RFC 3986 §2.1).
enum PercentDecoding {
    /// Decodes an absolute path; refuses bad escapes, encoded control characters (NUL, CR, LF, …)
    /// and `/`, dot-segments, paths that do not decode to UTF-8 and a `/` joined to a combining
    /// character.
    static func decodePath(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> String {
        var decoded = [UInt8]()
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            var byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                byte = try escapedByte(bytes, at: index)
                if byte < 0x20 || byte == 0x7F {
                    throw HTTPParseError(.invalidRequestTarget, "The request path contains an encoded control character.")
                }
                if byte == UInt8(ascii: "/") {
                    throw HTTPParseError(.invalidRequestTarget, "The request path contains an encoded slash.")
                }
                index += 3
            } else {
                index += 1
            }
            decoded.append(byte)
        }
        return try decoded.withUnsafeBufferPointer { elements throws(HTTPParseError) in
            let decodedBytes = UnsafeRawBufferPointer(elements)
            try rejectDotSegments(decodedBytes)
            guard let path = String(validating: decodedBytes, as: UTF8.self) else {
                throw HTTPParseError(.invalidRequestTarget, "The decoded request path is not valid UTF-8.")
            }
            try rejectSeparatorsJoinedToMarks(path, decodedBytes)
            return path
        }
    }

    /// Refuses a decoded path in which a `/` is part of a larger grapheme cluster: a combining
    /// mark, joiner or variation selector after it, or a prepended mark before it. Swift's
    /// `String` APIs (`hasPrefix`, `split(separator:)`, `==`) see such a slash as another
    /// character while byte-level code still sees a separator, so a router and an authorization
    /// rule written in the two styles would disagree about the path (attacks.md B17). Only
    /// non-ASCII bytes can form such clusters, so ASCII paths skip the check.
    static func rejectSeparatorsJoinedToMarks(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) {
        var slashBytes = 0
        var hasNonASCII = false
        for byte in bytes {
            if byte == UInt8(ascii: "/") { slashBytes += 1 }
            if byte >= 0x80 { hasNonASCII = true }
        }
        guard hasNonASCII else { return }
        var slashCharacters = 0
        for character in path where character == "/" { slashCharacters += 1 }
        guard slashCharacters == slashBytes else {
            throw HTTPParseError(
                .invalidRequestTarget, "The decoded request path joins a path separator to a combining character.")
        }
    }

    /// Refuses a path containing a `.` or `..` segment.
    static func rejectDotSegments(_ path: UnsafeRawBufferPointer) throws(HTTPParseError) {
        var segmentStart = 0
        for index in 0...path.count where index == path.count || path[index] == UInt8(ascii: "/") {
            let length = index - segmentStart
            if (length == 1 && path[segmentStart] == UInt8(ascii: "."))
                || (length == 2 && path[segmentStart] == UInt8(ascii: ".") && path[segmentStart + 1] == UInt8(ascii: "."))
            {
                throw HTTPParseError(.invalidRequestTarget, "The request path contains a dot-segment.")
            }
            segmentStart = index + 1
        }
    }

    /// Parses `name=value&…` with `+` as space and `%XX` decoded. Empty pieces are skipped; a
    /// piece without `=` has an empty value.
    static func parseQuery(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPQuery {
        var items: [(name: String, value: String)] = []
        var pieceStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "&") {
            if index > pieceStart {
                var equals = pieceStart
                while equals < index && bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                let name = try decodeQueryComponent(bytes.slice(pieceStart..<equals))
                let value = equals < index ? try decodeQueryComponent(bytes.slice(equals + 1..<index)) : ""
                items.append((name: name, value: value))
            }
            pieceStart = index + 1
        }
        return HTTPQuery(items: items)
    }

    /// One form-urlencoded component.
    static func decodeQueryComponent(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> String {
        var needsDecoding = false
        for byte in bytes where byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") {
            needsDecoding = true
            break
        }
        // The target was checked to be ASCII, so the undecoded bytes are valid UTF-8.
        guard needsDecoding else { return bytes.string }
        var decoded = [UInt8]()
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                decoded.append(try escapedByte(bytes, at: index))
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw HTTPParseError(.invalidRequestTarget, "A decoded query component is not valid UTF-8.")
        }
        return string
    }

    /// The byte encoded by the `%XX` at `index`.
    @inline(__always)
    private static func escapedByte(_ bytes: UnsafeRawBufferPointer, at index: Int) throws(HTTPParseError) -> UInt8 {
        guard index + 2 < bytes.count, let high = HTTPByteClass.hexValue(bytes[index + 1]),
            let low = HTTPByteClass.hexValue(bytes[index + 2])
        else {
            throw HTTPParseError(.invalidRequestTarget, "The request target contains an invalid percent escape.")
        }
        return high << 4 | low
    }
}
