extension EmulatorConfiguration {
    /// Checks the configuration: GUID-shaped IDs, non-empty names, at most one system-assigned
    /// identity, no duplicate names or IDs, assignments and group members that refer to defined
    /// identities, apps and roles, and only roles whose `allowedMemberTypes` include `Application`.
    ///
    /// ```swift
    /// var configuration = EmulatorConfiguration.default
    /// configuration.appRoleAssignments.append(AppRoleAssignment(identity: "reader-func", application: "aad-func", role: "Nope"))
    /// try configuration.validate()   // throws .unknownReference
    /// ```
    public func validate() throws(EmulatorConfigurationError) {
        if let problem = validationProblem() {
            throw EmulatorConfigurationError(problem.reason, "\(problem.path): \(problem.message)")
        }
    }

    /// The first problem, with the JSON path it concerns.
    func validationProblem() -> (reason: EmulatorConfigurationError.Reason, path: String, message: String)? {
        if !Self.isGUID(tenantID) { return (.invalidValue, "tenantId", "\"\(tenantID)\" is not a GUID") }
        if tokenLifetimeSeconds < 60 || tokenLifetimeSeconds > 7 * 86_400 {
            return (.invalidValue, "tokenLifetimeSeconds", "must be between 60 and 604800")
        }
        var seen = Set<String>()
        var systemAssigned = 0
        for (index, identity) in identities.enumerated() {
            let path = "identities[\(index)]"
            if identity.name.isEmpty { return (.invalidValue, path + ".name", "must not be empty") }
            if !Self.isGUID(identity.clientID) { return (.invalidValue, path + ".clientId", "\"\(identity.clientID)\" is not a GUID") }
            if !Self.isGUID(identity.objectID) { return (.invalidValue, path + ".objectId", "\"\(identity.objectID)\" is not a GUID") }
            if !identity.resourceID.hasPrefix("/") { return (.invalidValue, path + ".resourceId", "must be an ARM resource ID starting with /") }
            for (field, value) in [("name", identity.name), ("clientId", identity.clientID.lowercased()),
                                   ("objectId", identity.objectID.lowercased()), ("resourceId", identity.resourceID.lowercased())]
            where !seen.insert("identity \(field) \(value)").inserted {
                return (.duplicate, "\(path).\(field)", "another identity already has this \(field)")
            }
            if identity.kind == .systemAssigned {
                systemAssigned += 1
                if systemAssigned > 1 { return (.duplicate, path + ".type", "only one identity may be SystemAssigned") }
            }
        }
        for (index, application) in applications.enumerated() {
            let path = "applications[\(index)]"
            if application.displayName.isEmpty { return (.invalidValue, path + ".displayName", "must not be empty") }
            if !Self.isGUID(application.clientID) { return (.invalidValue, path + ".clientId", "\"\(application.clientID)\" is not a GUID") }
            if !seen.insert("app name \(application.displayName)").inserted {
                return (.duplicate, path + ".displayName", "another application has this displayName")
            }
            for (uriIndex, uri) in ([application.clientID] + application.appIDURIs).enumerated()
            where !seen.insert("app resource \(uri.lowercased())").inserted {
                let field = uriIndex == 0 ? ".clientId" : ".appIdUris[\(uriIndex - 1)]"
                return (.duplicate, path + field, "\"\(uri)\" already names an application")
            }
            for (uriIndex, uri) in application.appIDURIs.enumerated() where uri.isEmpty || uri.hasSuffix("/.default") {
                return (.invalidValue, path + ".appIdUris[\(uriIndex)]", "an App ID URI must be non-empty and not end in /.default")
            }
            var values = Set<String>()
            for (roleIndex, role) in application.appRoles.enumerated() {
                let rolePath = "\(path).appRoles[\(roleIndex)]"
                if role.value.isEmpty { return (.invalidValue, rolePath + ".value", "must not be empty") }
                if !values.insert(role.value).inserted { return (.duplicate, rolePath + ".value", "the app already defines \"\(role.value)\"") }
                if role.allowedMemberTypes.isEmpty { return (.invalidValue, rolePath + ".allowedMemberTypes", "must not be empty") }
            }
        }
        for (index, assignment) in appRoleAssignments.enumerated() {
            let path = "appRoleAssignments[\(index)]"
            if identity(named: assignment.identity) == nil {
                return (.unknownReference, path + ".identity", "no identity is named \"\(assignment.identity)\"")
            }
            guard let application = applications.first(where: { $0.displayName == assignment.application }) else {
                return (.unknownReference, path + ".application", "no application is named \"\(assignment.application)\"")
            }
            guard let role = application.appRoles.first(where: { $0.value == assignment.role }) else {
                return (.unknownReference, path + ".role", "\"\(assignment.application)\" defines no app role \"\(assignment.role)\"")
            }
            if !role.allowedMemberTypes.contains(.application) {
                return (.roleNotAssignableToApplications, path + ".role",
                        "\"\(assignment.role)\" allows only \(role.allowedMemberTypes.map(\.rawValue)); a managed identity needs Application")
            }
        }
        for (index, group) in groups.enumerated() {
            let path = "groups[\(index)]"
            if !Self.isGUID(group.objectID) { return (.invalidValue, path + ".objectId", "\"\(group.objectID)\" is not a GUID") }
            if !seen.insert("group \(group.objectID.lowercased())").inserted { return (.duplicate, path + ".objectId", "another group has this objectId") }
            for (memberIndex, member) in group.members.enumerated() where identity(named: member) == nil {
                return (.unknownReference, "\(path).members[\(memberIndex)]", "no identity is named \"\(member)\"")
            }
        }
        return nil
    }

    /// `8-4-4-4-12` hexadecimal digits.
    static func isGUID(_ value: String) -> Bool {
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
