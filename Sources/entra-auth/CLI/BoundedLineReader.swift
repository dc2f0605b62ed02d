#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor (standard input by default) line by line, never holding more than
/// `maximumLineByteCount` bytes of one line: a longer line is skipped to its newline and
/// reported as ``Line/tooLong(byteCount:)``, so an endless line cannot exhaust memory.
///
/// Lines are raw bytes, exactly as read: no UTF-8 decoding or repair. A line ends at `\n`; one
/// `\r` before it (CRLF) is dropped, any other byte is kept. A last line without `\n` counts.
///
/// ```swift
/// var reader = BoundedLineReader(maximumLineByteCount: 64 * 1024)
/// while let line = reader.nextLine() {
///     switch line {
///     case .complete(let bytes): handle(bytes)
///     case .tooLong(let count): report(count)
///     }
/// }
/// ```
struct BoundedLineReader {
    /// One line of input.
    enum Line: Equatable {
        /// The line's bytes, without the `\n` and an optional `\r` before it.
        case complete([UInt8])
        /// The line had `byteCount` bytes before its `\n` (a CRLF's `\r` counted only when the
        /// line is over the limit anyway), more than the limit; its bytes were discarded.
        case tooLong(byteCount: Int)
    }

    private let fileDescriptor: Int32
    private let maximumLineByteCount: Int
    private var chunk: [UInt8]
    private var chunkStart = 0
    private var chunkEnd = 0
    private var reachedEnd = false

    /// A reader of `fileDescriptor` that keeps at most `maximumLineByteCount` bytes of a line.
    init(fileDescriptor: Int32 = 0, maximumLineByteCount: Int, chunkByteCount: Int = 64 * 1024) {
        self.fileDescriptor = fileDescriptor
        self.maximumLineByteCount = maximumLineByteCount
        self.chunk = [UInt8](repeating: 0, count: max(1, chunkByteCount))
    }

    /// The next line, or `nil` at the end of input (or on a read error).
    mutating func nextLine() -> Line? {
        var line: [UInt8] = []
        var byteCount = 0   // bytes of this line seen so far, kept or not
        var sawAnyByte = false
        while true {
            if chunkStart == chunkEnd {
                guard refill() else {
                    // End of input: a last line without a newline still counts.
                    return sawAnyByte ? finish(line, byteCount: byteCount) : nil
                }
            }
            sawAnyByte = true
            let available = chunkEnd - chunkStart
            let newline: Int? = chunk.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress,
                      let found = memchr(base + chunkStart, 0x0A, available) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            let segmentEnd = newline ?? chunkEnd
            let segmentCount = segmentEnd - chunkStart
            byteCount += segmentCount
            // Keep one byte beyond the limit: it may be the `\r` of a CRLF ending.
            if byteCount <= maximumLineByteCount + 1 {
                line.append(contentsOf: chunk[chunkStart..<segmentEnd])
            } else if !line.isEmpty {
                line = []
            }
            if let newline {
                chunkStart = newline + 1
                return finish(line, byteCount: byteCount)
            }
            chunkStart = chunkEnd
        }
    }

    private func finish(_ line: [UInt8], byteCount: Int) -> Line {
        guard byteCount <= maximumLineByteCount + 1 else { return .tooLong(byteCount: byteCount) }
        let content = line.last == 0x0D ? Array(line.dropLast()) : line
        return content.count <= maximumLineByteCount ? .complete(content) : .tooLong(byteCount: content.count)
    }

    /// Reads the next chunk; `false` at the end of input or on an error other than EINTR.
    private mutating func refill() -> Bool {
        guard !reachedEnd else { return false }
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(fileDescriptor, buffer.baseAddress, buffer.count)
            }
            if count > 0 {
                chunkStart = 0
                chunkEnd = count
                return true
            }
            if count < 0, errno == EINTR { continue }
            reachedEnd = true
            return false
        }
    }
}
