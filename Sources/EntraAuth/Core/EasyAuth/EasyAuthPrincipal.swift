import Foundation
import JOSE

/// Reads the `X-MS-CLIENT-PRINCIPAL` header that App Service / Functions authentication
/// ("Easy Auth") adds after it validated a caller: base64 of
/// `{"auth_typ":…,"claims":[{"typ":…,"val":…}],"name_typ":…,"role_typ":…}`.
///
/// Trust it only when the app is reachable solely through Easy Auth: any other caller can
/// forge the header. That is why the middleware removes every `X-MS-CLIENT-PRINCIPAL*` field
/// unless Easy Auth trust is switched on explicitly.
///
/// Easy Auth maps claim names (`tid` becomes `http://schemas.microsoft.com/identity/claims/tenantid`);
/// they are mapped back to the token's names, and repeated claims (`roles`, `groups`) become arrays.
///
/// ```swift
/// let identity = try EasyAuthPrincipal.identity(fromHeader: request.headers["x-ms-client-principal"]!)
/// identity.roles   // ["DoAll"]
/// ```
public enum EasyAuthPrincipal {
    /// The largest header accepted, in bytes.
    public static let maximumByteCount = 16 * 1024

    /// Long claim types Easy Auth uses, and the token claim each stands for.
    static let claimNames: [(long: String, short: String)] = [
        ("http://schemas.microsoft.com/identity/claims/tenantid", "tid"),
        ("http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"),
        ("http://schemas.microsoft.com/identity/claims/scope", "scp"),
        ("http://schemas.microsoft.com/identity/claims/identityprovider", "idp"),
        ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", "sub"),
        ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "name"),
        ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "upn"),
        ("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "roles"),
        ("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "groups"),
    ]

    /// Claims that are lists even when they occur once.
    static let listClaims = ["roles", "groups"]

    /// The identity the header describes.
    ///
    /// - Throws: ``EntraAuthError`` with reason `malformedToken` when the header is not base64
    ///   of the documented JSON shape, or is larger than ``maximumByteCount``.
    public static func identity(fromHeader value: String) throws(EntraAuthError) -> EntraIdentity {
        guard value.utf8.count <= maximumByteCount else {
            throw EntraAuthError(.malformedToken, "X-MS-CLIENT-PRINCIPAL is \(value.utf8.count) bytes; the limit is \(maximumByteCount)")
        }
        guard let data = Data(base64Encoded: value) else {
            throw EntraAuthError(.malformedToken, "X-MS-CLIENT-PRINCIPAL is not base64")
        }
        let document: JSONObject
        do {
            guard let object = try JSONReader.parse(Array(data)).objectValue else {
                throw EntraAuthError(.malformedToken, "X-MS-CLIENT-PRINCIPAL is not a JSON object")
            }
            document = object
        } catch let error as EntraAuthError {
            throw error
        } catch {
            throw EntraAuthError(.malformedToken, "X-MS-CLIENT-PRINCIPAL is not valid JSON: \(error)")
        }
        guard let entries = document["claims"]?.arrayValue else {
            throw EntraAuthError(.malformedToken, "X-MS-CLIENT-PRINCIPAL has no \"claims\" array")
        }
        let roleType = document["role_typ"]?.stringValue
        // Grouped by byte-exact name with a linear search: a String-keyed dictionary would hash
        // with Unicode normalisation, which a forged header could make quadratic.
        var collected: [(name: String, values: [String])] = []
        for entry in entries {
            guard let type = entry["typ"]?.stringValue, let value = entry["val"]?.stringValue else {
                throw EntraAuthError(.malformedToken, "X-MS-CLIENT-PRINCIPAL has a claim without string \"typ\" and \"val\"")
            }
            let name = shortName(type, roleType: roleType)
            if let index = collected.firstIndex(where: { bytesEqual($0.name, name) }) {
                collected[index].values.append(value)
            } else {
                collected.append((name, [value]))
            }
        }
        let members = collected.map { name, list -> JSONObject.Member in
            let isList = list.count > 1 || listClaims.containsBytes(of: name)
            return JSONObject.Member(name: name, value: isList ? .array(list.map(JSONValue.string)) : .string(list[0]))
        }
        let claims = JSONObject(members)
        let expires = claims["exp"]?.stringValue.flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? .distantFuture
        return EntraIdentity(claims: claims, issuer: claims["iss"]?.stringValue ?? "", audience: claims["aud"]?.stringValue ?? "",
                             expiresAt: expires, signingKeyID: nil)
    }

    private static func shortName(_ type: String, roleType: String?) -> String {
        if let roleType, bytesEqual(type, roleType) { return "roles" }
        return claimNames.first { bytesEqual($0.long, type) }?.short ?? type
    }
}
