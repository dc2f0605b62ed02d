import Foundation
import JOSE

/// Mints v1.0 access tokens shaped like Entra's managed-identity tokens.
///
/// Claims, in Entra's order: `aud` (the resource as requested), `iss`
/// (`https://sts.windows.net/{tid}/`), `iat`, `nbf`, `exp`, `aio`, `appid`, `appidacr` ("2"),
/// `groups` (only for group members), `idp` (= `iss`), `idtyp` ("app"), `oid`, `rh`, `roles`
/// (only when the identity holds roles on the app), `sub` (= `oid`), `tid`, `uti`, `ver`
/// ("1.0"), `xms_mirid`. `aio`, `rh` and `uti` are random base64url, opaque as on Entra.
struct TokenIssuer: Sendable {
    let configuration: EmulatorConfiguration
    let keys: SigningKeyRing

    /// `https://sts.windows.net/{tid}/`.
    var issuer: String { "https://sts.windows.net/\(configuration.tenantID)/" }

    func issue(to identity: EmulatorIdentity, resource: String, now: Int) throws(TokenRequestError) -> IssuedToken {
        guard let application = configuration.application(forResource: resource) else {
            throw TokenRequestError(.unknownResource, Self.unknownResourceMessage(resource, tenantID: configuration.tenantID))
        }
        let expires = now + configuration.tokenLifetimeSeconds
        var members: [JSONObject.Member] = [
            .init(name: "aud", value: .string(resource)),
            .init(name: "iss", value: .string(issuer)),
            .init(name: "iat", value: .number(JSONNumber(Int64(now)))),
            .init(name: "nbf", value: .number(JSONNumber(Int64(now)))),
            .init(name: "exp", value: .number(JSONNumber(Int64(expires)))),
            .init(name: "aio", value: .string(Self.random(byteCount: 48))),
            .init(name: "appid", value: .string(identity.clientID)),
            .init(name: "appidacr", value: "2"),
        ]
        let groups = configuration.groupIDs(of: identity)
        if !groups.isEmpty { members.append(.init(name: "groups", value: .array(groups.map { .string($0) }))) }
        members += [
            .init(name: "idp", value: .string(issuer)),
            .init(name: "idtyp", value: "app"),
            .init(name: "oid", value: .string(identity.objectID)),
            .init(name: "rh", value: .string("0." + Self.random(byteCount: 48) + ".")),
        ]
        let roles = configuration.roles(of: identity, on: application)
        if !roles.isEmpty { members.append(.init(name: "roles", value: .array(roles.map { .string($0) }))) }
        members += [
            .init(name: "sub", value: .string(identity.objectID)),
            .init(name: "tid", value: .string(configuration.tenantID)),
            .init(name: "uti", value: .string(Self.random(byteCount: 16))),
            .init(name: "ver", value: "1.0"),
            .init(name: "xms_mirid", value: .string(identity.resourceID)),
        ]
        let claims = JSONObject(members)
        let key = keys.current
        return IssuedToken(
            accessToken: key.signer.sign(claims), identity: identity, resource: resource, issuedAt: now,
            expiresOn: expires, keyID: key.keyID, claims: claims)
    }

    /// Entra's wording for a resource it does not know (AADSTS500011).
    static func unknownResourceMessage(_ resource: String, tenantID: String) -> String {
        var message = "AADSTS500011: The resource principal named \(resource) was not found in the tenant named \(tenantID)."
        message += " This can happen if the application has not been installed by the administrator of the tenant"
        message += " or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant."
        if resource.hasSuffix("/.default") {
            message += " (A resource is not a scope: strip the trailing /.default.)"
        }
        return message
    }

    /// `byteCount` random bytes, base64url.
    static func random(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Seconds since 1970, now.
    static func currentTime() -> Int { Int(Date().timeIntervalSince1970) }

    /// A random UUID string in lower case (correlation IDs).
    static func correlationID() -> String { UUID().uuidString.lowercased() }
}
