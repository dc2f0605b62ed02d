/// A small, dependency-free parser for `--name value`, `--name=value` and `--flag` arguments.
///
/// ```swift
/// let parsed = try ParsedArguments(["--jwks", "keys.json", "--algorithms=RS256"],
///                                  options: ["jwks", "algorithms"], flags: ["help"])
/// parsed.value(of: "jwks")   // "keys.json"
/// ```
struct ParsedArguments {
    /// Option values by name (without the leading `--`); for a repeatable option, the last one.
    private(set) var values: [String: String] = [:]
    /// Every value of each repeatable option, in order.
    private(set) var repeatedValues: [String: [String]] = [:]
    /// Flags that were given.
    private(set) var flags: Set<String> = []
    /// Arguments that are not options, in order (everything after `--` included).
    private(set) var positionals: [String] = []

    /// Parses `arguments` against the accepted option and flag names. `-h` means `--help`.
    /// Options named in `repeatable` may be given more than once (read them with ``values(of:)``).
    ///
    /// - Throws: ``UsageError`` for an unknown option, a missing value, or a non-repeatable
    ///   option given twice.
    init(_ arguments: [String], options: Set<String>, flags allowedFlags: Set<String>,
         repeatable: Set<String> = []) throws(UsageError) {
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
            guard options.contains(name) || repeatable.contains(name) else { throw UsageError("unknown option --\(name)") }
            guard values[name] == nil || repeatable.contains(name) else { throw UsageError("--\(name) given more than once") }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            values[name] = value
            repeatedValues[name, default: []].append(value)
        }
    }

    /// The value of `--name`, if given.
    func value(of name: String) -> String? { values[name] }

    /// Every value given for `--name`, in order (empty when not given).
    func values(of name: String) -> [String] { repeatedValues[name] ?? [] }

    /// Whether `--name` was given.
    func has(flag name: String) -> Bool { flags.contains(name) }
}
