/// The header fields the parser acts on, recognised from their bytes without allocating.
enum HTTPKnownField {
    case host, contentLength, transferEncoding, connection, expect, other

    @inline(__always)
    init(_ name: UnsafeRawBufferPointer) {
        switch name.count {
        case 4 where name.equalsCaseInsensitive("host"): self = .host
        case 6 where name.equalsCaseInsensitive("expect"): self = .expect
        case 10 where name.equalsCaseInsensitive("connection"): self = .connection
        case 14 where name.equalsCaseInsensitive("content-length"): self = .contentLength
        case 17 where name.equalsCaseInsensitive("transfer-encoding"): self = .transferEncoding
        default: self = .other
        }
    }
}
