/// The parts of a request-target the request exposes (RFC 9112 §3.2).
struct HTTPRequestTarget {
    /// The percent-decoded path (`*` for asterisk-form, the authority for CONNECT).
    var path: String
    /// The parsed query.
    var query: HTTPQuery
    /// The authority of an absolute-form or authority-form target, as sent.
    var authority: String?

    /// Parses and checks a request-target for `method`.
    ///
    /// Accepted forms: origin-form (`/p?q`), absolute-form (`http://h/p?q`, `https` too),
    /// asterisk-form only for `OPTIONS`, authority-form only for `CONNECT`. Refused: any byte
    /// outside RFC 3986 `pchar` / `/` / `?` (so no fragment `#`, no space, no raw non-ASCII,
    /// no `\` `"` `<` `>` `{` `}` `|` `^` `` ` ``), bad `%` escapes, an encoded control character or `/`,
    /// dot-segments (`.`/`..`, also when encoded), userinfo in an authority, a path that does
    /// not decode to UTF-8, and a decoded `/` that a combining character joins into a larger
    /// grapheme cluster (so `String` and byte-level matching agree on the separators). The router and the authorization rules therefore see one canonical
    /// path and cannot be fooled by encodings that a proxy would read differently.
    ///
    /// `raw` is `bytes` as a String; it is reused as the path when nothing needs decoding.
    static func parse(
        _ bytes: UnsafeRawBufferPointer, raw: String, method: HTTPMethod
    ) throws(HTTPParseError) -> HTTPRequestTarget {
        let first = bytes[0]
        if method == .connect {
            try HTTPAuthority.validate(bytes, requirePort: true)
            return HTTPRequestTarget(path: raw, query: HTTPQuery(), authority: raw)
        }
        if first == UInt8(ascii: "/") {
            return try parseOriginForm(bytes, raw: raw, authority: nil)
        }
        if first == UInt8(ascii: "*") {
            guard bytes.count == 1, method == .options else {
                throw HTTPParseError(.invalidRequestTarget, "The asterisk-form target is only allowed alone with OPTIONS.")
            }
            return HTTPRequestTarget(path: "*", query: HTTPQuery(), authority: nil)
        }
        return try parseAbsoluteForm(bytes)
    }

    /// `absolute-path [ "?" query ]`.
    private static func parseOriginForm(
        _ bytes: UnsafeRawBufferPointer, raw: String?, authority: String?
    ) throws(HTTPParseError) -> HTTPRequestTarget {
        var queryStart = bytes.count
        var hasEscape = false
        var hasDot = false
        try HTTPByteClass.table.withUnsafeBufferPointer { table throws(HTTPParseError) in
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard table[Int(byte)] & HTTPByteClass.target != 0 else {
                    throw HTTPParseError(.invalidRequestTarget, "The request target contains a character that is not allowed in a URI path or query.")
                }
                if index < queryStart {
                    if byte == UInt8(ascii: "?") {
                        queryStart = index
                    } else if byte == UInt8(ascii: "%") {
                        hasEscape = true
                    } else if byte == UInt8(ascii: ".") {
                        hasDot = true
                    }
                }
            }
        }
        let pathBytes = bytes.slice(0..<queryStart)
        let path: String
        if hasEscape {
            path = try PercentDecoding.decodePath(pathBytes)
        } else {
            if hasDot { try PercentDecoding.rejectDotSegments(pathBytes) }
            if let raw, queryStart == bytes.count { path = raw } else { path = pathBytes.string }
        }
        var query = HTTPQuery()
        if queryStart < bytes.count {
            query = try PercentDecoding.parseQuery(bytes.slice(queryStart + 1..<bytes.count))
        }
        return HTTPRequestTarget(path: path, query: query, authority: authority)
    }

    /// `scheme "://" authority path-abempty [ "?" query ]` with scheme `http` or `https`.
    private static func parseAbsoluteForm(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPRequestTarget {
        var schemeEnd = 0
        while schemeEnd < bytes.count && bytes[schemeEnd] != UInt8(ascii: ":") { schemeEnd += 1 }
        let scheme = bytes.slice(0..<schemeEnd)
        guard scheme.equalsCaseInsensitive("http") || scheme.equalsCaseInsensitive("https"),
            bytes.count >= schemeEnd + 3,
            bytes[schemeEnd + 1] == UInt8(ascii: "/"), bytes[schemeEnd + 2] == UInt8(ascii: "/")
        else {
            throw HTTPParseError(.invalidRequestTarget, "The request target is neither origin-form nor an http(s) absolute URI.")
        }
        let authorityStart = schemeEnd + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count && bytes[authorityEnd] != UInt8(ascii: "/")
            && bytes[authorityEnd] != UInt8(ascii: "?")
        {
            authorityEnd += 1
        }
        let authorityBytes = bytes.slice(authorityStart..<authorityEnd)
        try HTTPAuthority.validate(authorityBytes, requirePort: false)
        let authority = authorityBytes.string
        if authorityEnd == bytes.count {
            return HTTPRequestTarget(path: "/", query: HTTPQuery(), authority: authority)
        }
        if bytes[authorityEnd] == UInt8(ascii: "?") {
            // `http://h?q` has an empty path; its origin-form equivalent is `/?q`.
            var target = try parseOriginForm(bytes.slice(authorityEnd..<bytes.count), raw: nil, authority: authority)
            target.path = "/"
            return target
        }
        return try parseOriginForm(bytes.slice(authorityEnd..<bytes.count), raw: nil, authority: authority)
    }
}
