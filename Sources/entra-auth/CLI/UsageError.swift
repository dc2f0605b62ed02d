/// A command line the tool cannot act on; reported on stderr with the usage text, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    /// What was wrong, in one line.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
