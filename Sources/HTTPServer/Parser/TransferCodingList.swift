/// The transfer codings of all `Transfer-Encoding` field lines, in order (RFC 9112 §6.1).
struct TransferCodingList {
    private(set) var isPresent = false
    private var chunkedCount = 0
    private var codingsAfterChunked = 0
    private var otherCodings = 0

    /// Adds the codings of one field line; refuses empty or non-token elements.
    mutating func add(_ value: UnsafeRawBufferPointer, table: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        isPresent = true
        var malformed: HTTPParseError {
            HTTPParseError(.invalidTransferEncoding, "The Transfer-Encoding header is malformed.")
        }
        var start = 0
        for index in 0...value.count where index == value.count || value[index] == UInt8(ascii: ",") {
            let coding = value.slice(start..<index).trimmingOptionalWhitespace()
            start = index + 1
            guard !coding.isEmpty else { throw malformed }
            for byte in coding where table[Int(byte)] & HTTPByteClass.token == 0 { throw malformed }
            if coding.equalsCaseInsensitive("chunked") {
                chunkedCount += 1
                codingsAfterChunked = 0
            } else {
                otherCodings += 1
                if chunkedCount > 0 { codingsAfterChunked += 1 }
            }
        }
    }

    /// Accepts exactly one `chunked`, last; anything else is 400, or 501 for codings we do not decode.
    func validate() throws(HTTPParseError) {
        guard chunkedCount == 1, codingsAfterChunked == 0 else {
            throw HTTPParseError(
                .invalidTransferEncoding, "Transfer-Encoding must end with exactly one chunked coding.")
        }
        guard otherCodings == 0 else {
            throw HTTPParseError(.unsupportedTransferEncoding, "Only the chunked transfer coding is supported.")
        }
    }
}
