public import JOSE

extension AccessRequirement {
    /// Reads a requirement from JSON, as used in rules files. Every unknown member or wrong
    /// shape is an error naming its location (`path`).
    ///
    /// ```json
    /// "authenticated"
    /// {"anyRole": ["DoAll"]}
    /// {"all": [{"appOnly": true}, {"allowedClientApps": ["6e1c…"]}, {"not": {"anyRole": ["Blocked"]}}]}
    /// {"scopeOrAppRole": {"scopes": ["Reports.Read"], "roles": ["Reports.Read.All"]}}
    /// ```
    ///
    /// Forms: `"authenticated"`, `"appOnly"`, or an object with exactly one of `anyRole`,
    /// `allRoles`, `anyScope`, `allowedClientApps`, `allowedPrincipals`, `allowedTenants`,
    /// `anyGroup` (non-empty string arrays), `scopeOrAppRole` (`scopes` and `roles`),
    /// `appOnly: true`, `all` / `any` (non-empty arrays of requirements), `not` (a requirement).
    ///
    /// - Throws: ``AccessConfigurationError``.
    public init(json: JSONValue, path: String = "requirement") throws(AccessConfigurationError) {
        switch json {
        case .string(let word) where bytesEqual(word, "authenticated"):
            self = .authenticated
            return
        case .string(let word) where bytesEqual(word, "appOnly"):
            self = .appOnly
            return
        case .object(let object):
            guard object.count == 1, let member = object.first else {
                throw AccessConfigurationError(path: path, "must have exactly one member naming the rule (it has \(object.count))")
            }
            self = try Self.rule(named: member.name, value: member.value, path: path + "." + member.name)
        default:
            throw AccessConfigurationError(path: path, "must be \"authenticated\", \"appOnly\" or an object such as {\"anyRole\": [\"DoAll\"]}")
        }
    }

    private static func rule(named name: String, value: JSONValue, path: String) throws(AccessConfigurationError) -> AccessRequirement {
        let listRules: [(String, ([String]) -> AccessRequirement)] = [
            ("anyRole", { .anyRole($0) }), ("allRoles", { .allRoles($0) }), ("anyScope", { .anyScope($0) }),
            ("allowedClientApps", { .allowedClientApps($0) }), ("allowedPrincipals", { .allowedPrincipals($0) }),
            ("allowedTenants", { .allowedTenants($0) }), ("anyGroup", { .anyGroup($0) }),
        ]
        if let make = listRules.first(where: { bytesEqual($0.0, name) })?.1 {
            return make(try strings(value, path: path))
        }
        switch name {
        case _ where bytesEqual(name, "appOnly"):
            guard value.boolValue == true else { throw AccessConfigurationError(path: path, "must be true") }
            return .appOnly
        case _ where bytesEqual(name, "scopeOrAppRole"):
            guard let object = value.objectValue else { throw AccessConfigurationError(path: path, "must be an object with \"scopes\" and \"roles\"") }
            if let unknown = object.names.first(where: { !bytesEqual($0, "scopes") && !bytesEqual($0, "roles") }) {
                throw AccessConfigurationError(path: path, "unknown member \(logSafe(unknown)) (expected \"scopes\" and \"roles\")")
            }
            guard let scopes = object["scopes"], let roles = object["roles"] else {
                throw AccessConfigurationError(path: path, "needs both \"scopes\" and \"roles\"")
            }
            return .scopeOrAppRole(scopes: try strings(scopes, path: path + ".scopes"), roles: try strings(roles, path: path + ".roles"))
        case _ where bytesEqual(name, "all") || bytesEqual(name, "any"):
            guard let items = value.arrayValue, !items.isEmpty else {
                throw AccessConfigurationError(path: path, "must be a non-empty array of requirements")
            }
            var parts: [AccessRequirement] = []
            for (index, item) in items.enumerated() { parts.append(try AccessRequirement(json: item, path: "\(path)[\(index)]")) }
            return bytesEqual(name, "all") ? .all(parts) : .any(parts)
        case _ where bytesEqual(name, "not"):
            return .not(try AccessRequirement(json: value, path: path))
        default:
            throw AccessConfigurationError(path: path, "unknown rule \(logSafe(name)) (known: anyRole, allRoles, anyScope, scopeOrAppRole, appOnly, allowedClientApps, allowedPrincipals, allowedTenants, anyGroup, all, any, not)")
        }
    }

    private static func strings(_ value: JSONValue, path: String) throws(AccessConfigurationError) -> [String] {
        guard let items = value.arrayValue, !items.isEmpty else { throw AccessConfigurationError(path: path, "must be a non-empty array of strings") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue, !text.isEmpty else { throw AccessConfigurationError(path: "\(path)[\(index)]", "must be a non-empty string") }
            result.append(text)
        }
        return result
    }
}
