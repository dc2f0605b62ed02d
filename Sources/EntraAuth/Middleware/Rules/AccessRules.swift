public import EntraAuthCore
public import HTTPServer
import JOSE

/// A table of access rules — method and path pattern → requirement — that operators can change
/// without a rebuild. Rules add to what routes declare in code (AND); they never open a route.
///
/// ```json
/// {
///   "rules": [
///     {"method": "GET", "path": "/api/admin", "require": {"anyRole": ["DoAll"]}},
///     {"path": "/api/reports/**", "require": {"any": [{"anyRole": ["Reports.Read.All"]}, {"anyScope": ["Reports.Read"]}]}}
///   ]
/// }
/// ```
///
/// Patterns use the router's syntax (`:param`, `*`, trailing `**`) and match exactly as routes do;
/// the first matching rule in priority order applies (see `RouteMatcher`). Loading refuses
/// unknown members, bad requirements (see ``AccessRequirement/init(json:path:)``) and, when
/// checked against a router, rules that match none of its routes (a typo would otherwise
/// silently protect nothing).
///
/// ```swift
/// let rules = try AccessRules(parsing: Array(try Data(contentsOf: rulesURL)), checkedAgainst: router)
/// let auth = EntraAuthentication<AppContext>(validator: validator, rules: rules)
/// ```
public struct AccessRules: Sendable {
    /// One rule as loaded.
    public struct Rule: Sendable {
        /// The method it applies to, or `nil` for every method.
        public var method: HTTPMethod?
        /// The path pattern.
        public var pattern: String
        /// What callers must meet.
        public var requirement: AccessRequirement
    }

    /// The rules in file order.
    public let rules: [Rule]
    private let matcher: RouteMatcher<AccessRequirement>

    /// Rules built in code.
    ///
    /// - Throws: `RouteConfigurationError` for an invalid pattern.
    public init(_ rules: [Rule]) throws(AccessConfigurationError) {
        self.rules = rules
        do {
            matcher = try RouteMatcher(rules.map { (method: $0.method, pattern: $0.pattern, value: $0.requirement) })
        } catch {
            throw AccessConfigurationError(path: "rules", "\(error)")
        }
    }

    /// Reads a rules document and, given `router`, checks that every rule matches at least one route.
    ///
    /// - Throws: ``AccessConfigurationError`` naming the location (`rules[1].require.anyRole`) and the problem.
    public init<Context>(parsing bytes: [UInt8], checkedAgainst router: Router<Context>? = nil) throws(AccessConfigurationError) {
        let document: JSONValue
        do {
            document = try JSONReader.parse(bytes)
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: bytes)
            throw AccessConfigurationError(path: "line \(line), column \(column)", "not valid JSON: \(error)")
        }
        guard let object = document.objectValue else { throw AccessConfigurationError(path: "(document)", "must be an object with a \"rules\" array") }
        if let unknown = object.names.first(where: { !$0.utf8.elementsEqual("rules".utf8) }) {
            throw AccessConfigurationError(path: "(document)", "unknown member \"\(unknown)\" (expected only \"rules\")")
        }
        guard let entries = object["rules"]?.arrayValue else { throw AccessConfigurationError(path: "rules", "must be an array") }
        var rules: [Rule] = []
        for (index, entry) in entries.enumerated() {
            rules.append(try Self.rule(entry, path: "rules[\(index)]"))
        }
        try self.init(rules)
        if let router { try check(against: router.registeredRoutes) }
    }

    /// The requirement for `method` and `path`, when a rule matches.
    public func requirement(for method: HTTPMethod, path: String) -> AccessRequirement? {
        matcher.match(method, path: path)?.value
    }

    private static let memberNames = ["method", "path", "require"]

    private static func rule(_ entry: JSONValue, path: String) throws(AccessConfigurationError) -> Rule {
        guard let object = entry.objectValue else { throw AccessConfigurationError(path: path, "must be an object") }
        if let unknown = object.names.first(where: { name in !memberNames.contains { $0.utf8.elementsEqual(name.utf8) } }) {
            let hint = unknown.utf8.elementsEqual("anonymous".utf8) ? "; anonymous access is declared in code only" : ""
            throw AccessConfigurationError(path: path, "unknown member \"\(unknown)\" (expected method, path, require)\(hint)")
        }
        var method: HTTPMethod?
        if let value = object["method"] {
            guard let name = value.stringValue, !name.isEmpty, name.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
                throw AccessConfigurationError(path: path + ".method", "must be an upper-case method name such as \"GET\"")
            }
            method = HTTPMethod(rawValue: name)
        }
        guard let pattern = object["path"]?.stringValue else { throw AccessConfigurationError(path: path + ".path", "must be a path pattern string") }
        guard let requirementValue = object["require"] else { throw AccessConfigurationError(path: path + ".require", "is missing") }
        return Rule(method: method, pattern: pattern, requirement: try AccessRequirement(json: requirementValue, path: path + ".require"))
    }

    /// Every rule must match some route: either the rule, read as a path, matches a route's
    /// pattern (`/api/items/42` → `/api/items/:id`), or a route's pattern, read as a path,
    /// matches the rule (`/api/**` → `/api/items`).
    private func check(against routes: [RouteDescription]) throws(AccessConfigurationError) {
        guard let routeMatcher = try? RouteMatcher(routes.map { (method: Optional($0.method), pattern: $0.pattern, value: 0) }) else { return }
        for (index, rule) in rules.enumerated() {
            let single = try? RouteMatcher([(method: rule.method, pattern: rule.pattern, value: 0)])
            let matches = routes.contains { route in
                (rule.method == nil || rule.method == route.method)
                    && (single?.match(route.method, path: route.pattern) != nil
                        || routeMatcher.match(route.method, path: rule.pattern)?.pattern == route.pattern)
            }
            if !matches {
                throw AccessConfigurationError(path: "rules[\(index)].path",
                    "\(rule.method?.rawValue ?? "any method") \(rule.pattern) matches no route (routes: \(routes.map { "\($0.method.rawValue) \($0.pattern)" }.joined(separator: ", ")))")
            }
        }
    }

    private static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
