/// A 1-based line and column in a UTF-8 text; columns count Unicode scalars.
struct TextPosition: Hashable {
    var line: Int
    var column: Int

    /// The position of byte `offset` (clamped to the text).
    init(offset: Int, in bytes: [UInt8]) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }
}
