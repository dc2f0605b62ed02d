/// A small, dependency-free parser for `--name value`, `--name=value` and `--flag` arguments.
///
/// ```swift
/// let parsed = try ParsedArguments(["--jwks", "keys.json", "--algorithms=RS256"],
///                                  options: ["jwks", "algorithms"], flags: ["help"])
/// parsed.value(of: "jwks")   // "keys.json"
/// ```
struct ParsedArguments {
    /// Option values by name (without the leading `--`).
    private(set) var values: [String: String] = [:]
    /// Flags that were given.
    private(set) var flags: Set<String> = []
    /// Arguments that are not options, in order (everything after `--` included).
    private(set) var positionals: [String] = []

    /// Parses `arguments` against the accepted option and flag names. `-h` means `--help`.
    ///
    /// - Throws: ``UsageError`` for an unknown option, a missing value, or an option given twice.
    init(_ arguments: [String], options: Set<String>, flags allowedFlags: Set<String>) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" {
                flags.insert("help")
                continue
            }
            guard argument.hasPrefix("--") else { throw UsageError("unknown option \(argument)") }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowedFlags.contains(name) {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            guard options.contains(name) else { throw UsageError("unknown option --\(name)") }
            guard values[name] == nil else { throw UsageError("--\(name) given more than once") }
            if let inlineValue {
                values[name] = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                values[name] = arguments[index]
                index += 1
            }
        }
    }

    /// The value of `--name`, if given.
    func value(of name: String) -> String? { values[name] }

    /// Whether `--name` was given.
    func has(flag name: String) -> Bool { flags.contains(name) }
}
