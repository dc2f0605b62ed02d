/// Why a DER structure was refused. Internal: key loaders report it as a malformed encoding.
struct DERError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case truncated
        case unexpectedTag(expected: UInt8, found: UInt8)
        case indefiniteLength
        case nonMinimalLength
        case lengthTooLarge
        case nonMinimalInteger
        case negativeInteger
        case emptyInteger
        case nonZeroUnusedBits
        case invalidNull
        case trailingBytes
        case unexpectedAlgorithm
        case unsupportedVersion
        case unsupportedCurve
    }

    var reason: Reason

    var description: String {
        switch reason {
        case .truncated: "DER: value runs past the end of its input"
        case .unexpectedTag(let expected, let found): "DER: expected tag 0x\(String(expected, radix: 16)), found 0x\(String(found, radix: 16))"
        case .indefiniteLength: "DER: indefinite length is BER, not DER"
        case .nonMinimalLength: "DER: length is not minimally encoded"
        case .lengthTooLarge: "DER: length does not fit"
        case .nonMinimalInteger: "DER: INTEGER has a redundant leading byte"
        case .negativeInteger: "DER: INTEGER is negative"
        case .emptyInteger: "DER: INTEGER has no content"
        case .nonZeroUnusedBits: "DER: BIT STRING has unused bits"
        case .invalidNull: "DER: NULL has content"
        case .trailingBytes: "DER: bytes follow the end of the structure"
        case .unexpectedAlgorithm: "DER: algorithm identifier is not the expected one"
        case .unsupportedVersion: "DER: unsupported structure version"
        case .unsupportedCurve: "DER: the named curve is not supported"
        }
    }
}
