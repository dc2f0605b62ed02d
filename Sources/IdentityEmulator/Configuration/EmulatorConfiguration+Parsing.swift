import JOSE

extension EmulatorConfiguration {
    /// Reads a configuration from JSON (the format is shown on ``EmulatorConfiguration``) and
    /// validates it.
    ///
    /// ```swift
    /// let configuration = try EmulatorConfiguration(parsing: Array(try Data(contentsOf: url)))
    /// ```
    ///
    /// - Throws: ``EmulatorConfigurationError`` with the line and column of the problem.
    public init(parsing bytes: some Collection<UInt8>) throws(EmulatorConfigurationError) {
        let bytes = Array(bytes)
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            let position = TextPosition(offset: error.offset, in: bytes)
            throw EmulatorConfigurationError(.invalidJSON, "\(error.reason.rawValue): \(error)", line: position.line, column: position.column)
        }
        let reader = ConfigurationReader(map: JSONSourceMap(bytes))
        self = try reader.configuration(root)
        if let problem = validationProblem() {
            throw reader.error(problem.reason, problem.path, problem.message)
        }
    }
}

/// Turns the parsed JSON into a configuration, refusing unknown members and wrong types with
/// their positions.
private struct ConfigurationReader {
    let map: JSONSourceMap

    func error(_ reason: EmulatorConfigurationError.Reason, _ path: String, _ message: String, name: Bool = false)
        -> EmulatorConfigurationError
    {
        let position = map.position(of: path, name: name)
        let label = path.isEmpty ? "document" : path
        return EmulatorConfigurationError(reason, "\(label): \(message)", line: position.line, column: position.column)
    }

    /// The members of the object at `path`, after checking that it has no others than `known`.
    func object(_ value: JSONValue, _ path: String, known: [String], required: [String]) throws(EmulatorConfigurationError) -> JSONObject {
        guard let object = value.objectValue else { throw error(.wrongType, path, "expected an object") }
        for member in object.members where !known.contains(member.name) {
            let child = path.isEmpty ? member.name : path + "." + member.name
            throw error(.unknownMember, child, "unknown member \"\(member.name)\" (known: \(known.joined(separator: ", ")))", name: true)
        }
        for name in required where !object.contains(name: name) {
            throw error(.missingMember, path, "missing member \"\(name)\"")
        }
        return object
    }

    func string(_ object: JSONObject, _ name: String, _ path: String) throws(EmulatorConfigurationError) -> String {
        let child = path.isEmpty ? name : path + "." + name
        guard let string = object[name]?.stringValue else { throw error(.wrongType, child, "expected a string") }
        return string
    }

    func array(_ object: JSONObject, _ name: String, _ path: String) throws(EmulatorConfigurationError) -> [(JSONValue, String)] {
        let child = path.isEmpty ? name : path + "." + name
        guard let value = object[name] else { return [] }
        guard let array = value.arrayValue else { throw error(.wrongType, child, "expected an array") }
        return array.enumerated().map { ($0.element, "\(child)[\($0.offset)]") }
    }

    func strings(_ object: JSONObject, _ name: String, _ path: String) throws(EmulatorConfigurationError) -> [String] {
        var result: [String] = []
        for (value, path) in try array(object, name, path) {
            guard let string = value.stringValue else { throw error(.wrongType, path, "expected a string") }
            result.append(string)
        }
        return result
    }

    func configuration(_ root: JSONValue) throws(EmulatorConfigurationError) -> EmulatorConfiguration {
        let top = try object(
            root, "", known: ["tenantId", "tokenLifetimeSeconds", "identities", "applications", "appRoleAssignments", "groups"],
            required: ["tenantId"])
        var lifetime = EmulatorConfiguration.defaultTokenLifetimeSeconds
        if let value = top["tokenLifetimeSeconds"] {
            guard let number = value.numberValue?.int64Value, let int = Int(exactly: number) else {
                throw error(.wrongType, "tokenLifetimeSeconds", "expected an integer")
            }
            lifetime = int
        }
        var identities: [EmulatorIdentity] = []
        for (value, path) in try array(top, "identities", "") {
            let fields = ["name", "type", "clientId", "objectId", "resourceId"]
            let member = try object(value, path, known: fields, required: fields)
            let typeName = try string(member, "type", path)
            guard let kind = EmulatorIdentity.Kind(rawValue: typeName) else {
                throw error(.invalidValue, path + ".type", "\"\(typeName)\" is not SystemAssigned or UserAssigned")
            }
            identities.append(EmulatorIdentity(
                name: try string(member, "name", path), kind: kind, clientID: try string(member, "clientId", path),
                objectID: try string(member, "objectId", path), resourceID: try string(member, "resourceId", path)))
        }
        var applications: [AppRegistration] = []
        for (value, path) in try array(top, "applications", "") {
            let member = try object(value, path, known: ["displayName", "clientId", "appIdUris", "appRoles"],
                                    required: ["displayName", "clientId"])
            var roles: [AppRole] = []
            for (roleValue, rolePath) in try array(member, "appRoles", path) {
                let role = try object(roleValue, rolePath, known: ["value", "allowedMemberTypes"], required: ["value", "allowedMemberTypes"])
                var types: [AppRole.MemberType] = []
                for (typeValue, typePath) in try array(role, "allowedMemberTypes", rolePath) {
                    guard let name = typeValue.stringValue else { throw error(.wrongType, typePath, "expected a string") }
                    guard let type = AppRole.MemberType(rawValue: name) else {
                        throw error(.invalidValue, typePath, "\"\(name)\" is not User or Application")
                    }
                    types.append(type)
                }
                roles.append(AppRole(value: try string(role, "value", rolePath), allowedMemberTypes: types))
            }
            applications.append(AppRegistration(
                displayName: try string(member, "displayName", path), clientID: try string(member, "clientId", path),
                appIDURIs: try strings(member, "appIdUris", path), appRoles: roles))
        }
        var assignments: [AppRoleAssignment] = []
        for (value, path) in try array(top, "appRoleAssignments", "") {
            let fields = ["identity", "application", "role"]
            let member = try object(value, path, known: fields, required: fields)
            assignments.append(AppRoleAssignment(
                identity: try string(member, "identity", path), application: try string(member, "application", path),
                role: try string(member, "role", path)))
        }
        var groups: [EmulatorGroup] = []
        for (value, path) in try array(top, "groups", "") {
            let member = try object(value, path, known: ["objectId", "displayName", "members"], required: ["objectId", "displayName"])
            groups.append(EmulatorGroup(
                objectID: try string(member, "objectId", path), displayName: try string(member, "displayName", path),
                members: try strings(member, "members", path)))
        }
        return EmulatorConfiguration(
            tenantID: try string(top, "tenantId", ""), tokenLifetimeSeconds: lifetime, identities: identities,
            applications: applications, appRoleAssignments: assignments, groups: groups)
    }
}
