extension ManagedIdentityCredential {
    /// Turns the scopes a caller asks for into the one `resource` the managed-identity endpoints
    /// take, exactly as azure-identity's `_scopes_to_resource` does: one scope only, and one
    /// trailing `/.default` stripped. A bare resource passes through unchanged.
    ///
    /// ```swift
    /// try ManagedIdentityCredential.resource(forScopes: ["api://aad-func/.default"])          // "api://aad-func"
    /// try ManagedIdentityCredential.resource(forScopes: ["https://vault.azure.net/.default"])  // "https://vault.azure.net"
    /// try ManagedIdentityCredential.resource(forScopes: ["api://aad-func"])                   // "api://aad-func"
    /// ```
    ///
    /// - Throws: ``ManagedIdentityError`` with reason `invalidScope` for no scope, an empty one,
    ///   or more than one.
    public static func resource(forScopes scopes: [String]) throws(ManagedIdentityError) -> String {
        guard scopes.count == 1, let scope = scopes.first else {
            throw ManagedIdentityError(.invalidScope,
                "a managed identity token is for exactly one resource; \(scopes.count) scopes were given")
        }
        let suffix = "/.default"
        let resource = scope.hasSuffix(suffix) ? String(scope.dropLast(suffix.count)) : scope
        guard !resource.isEmpty, !resource.contains(where: \.isWhitespace) else {
            throw ManagedIdentityError(.invalidScope, "the scope \(scope.debugDescription) names no resource")
        }
        return resource
    }
}
