public import EntraAuthCore
public import HTTPServer
public import JOSE

extension HTTPResponse {
    /// An `application/json` response with a JOSE JSON value, such as validated claims.
    ///
    /// ```swift
    /// router.get("/api/claims") { _, context in .json(try context.requireIdentity().claims) }   // or .claims(identity)
    /// ```
    public static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(bytes: JSONWriter.serializedBytes(value), status: status)
    }

    /// An `application/json` response with the caller's validated claims, exactly as signed.
    ///
    /// ```swift
    /// router.get("/api/claims") { _, context in .claims(try context.requireIdentity()) }
    /// ```
    public static func claims(_ identity: EntraIdentity, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(bytes: identity.claimsJSON, status: status)
    }

    /// An `application/json` response with a JSON object.
    public static func json(_ object: JSONObject, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(.object(object), status: status)
    }
}
