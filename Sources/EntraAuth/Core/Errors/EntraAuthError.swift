/// Why a request was refused: one machine-readable ``Reason``, a sentence that says exactly what
/// failed, the HTTP status and RFC 6750 error code it maps to, and the non-secret facts a log
/// line needs.
///
/// Descriptions never contain the token. They do name the values that were wrong — issuer,
/// audience, times, kid, app and object IDs — which are not secrets and are what an operator needs.
///
/// ```swift
/// do {
///     let identity = try await validator.validate(token)
/// } catch {
///     print(error.reason, error.status, error.message)
///     // audienceNotAccepted 401 the token's audience "api://other" is not accepted here (accepted: "api://aad-func")
/// }
/// ```
public struct EntraAuthError: Error, Sendable, CustomStringConvertible {
    /// What failed. The raw value is the stable code used in problem bodies, logs and metrics.
    public enum Reason: String, Sendable, CaseIterable {
        // MARK: The request (400 invalid_request)
        /// The `Authorization` header is not `Bearer <token68>`.
        case malformedAuthorizationHeader
        /// More than one `Authorization` header, or a token in more than one place.
        case multipleTokens
        /// A token in the query string or a form body, which is refused unless enabled.
        case tokenInDisallowedLocation

        // MARK: No or bad token (401 invalid_token)
        /// No token was sent (the challenge then carries no `error`).
        case missingToken
        /// The token is larger than the policy allows (checked before decoding).
        case tokenTooLarge
        /// Not a well-formed compact JWS (parts, base64url, JSON, header members).
        case malformedToken
        /// An encrypted token (JWE), which is not accepted.
        case encryptedToken
        /// `alg` is `none`, unknown, or not on the allow-list.
        case algorithmNotAllowed
        /// The header's `typ` is not one the profile accepts.
        case tokenTypeNotAccepted
        /// The header carries something never accepted (`crit`, `jku`, `x5c`, `b64`, nested `cty`).
        case forbiddenHeader
        /// The token is for Microsoft Graph (header `nonce`, or Graph's audience): not for this API.
        case graphToken
        /// The signing key named by `kid` (or `x5t`) is not published by the authority, even after a refresh.
        case unknownSigningKey
        /// The signature does not verify with the published key.
        case invalidSignature
        /// The token is past `exp` (plus clock skew), or has no usable `exp`.
        case expired
        /// The token's `nbf` is in the future (beyond clock skew).
        case notYetValid
        /// The token's `iat` is in the future (beyond clock skew), or older than the maximum age.
        case invalidIssuedAt
        /// `iss` is missing or not a trusted issuer.
        case issuerNotTrusted
        /// `tid` is missing, not a GUID, or does not match the issuer.
        case invalidTenant
        /// The tenant is valid but not on the allowed-tenant list.
        case tenantNotAllowed
        /// The signing key's own `issuer` does not match the token's issuer.
        case signingKeyIssuerMismatch
        /// `aud` is missing or none of its values is accepted here.
        case audienceNotAccepted
        /// `ver` is not an accepted token version.
        case tokenVersionNotAccepted
        /// A claim the policy requires is missing.
        case missingRequiredClaim
        /// A claim has the wrong JSON type (`exp` not a number, `roles` not strings, …).
        case invalidClaim

        // MARK: Authorization (403 insufficient_scope)
        /// The token is valid but does not meet the route's requirement.
        case insufficientAccess

        // MARK: Availability (503)
        /// Signing keys have never been loaded (the provider is unreachable or still starting).
        case signingKeysUnavailable
    }

    /// What failed.
    public var reason: Reason
    /// What exactly failed, for people; safe to log and to send to the caller.
    public var message: String
    /// The token's `kid` (or `x5t`), when it could be read.
    public var keyID: String?
    /// The calling application (`appid`/`azp`), when the claims could be read.
    public var clientAppID: String?
    /// The caller's object ID (`oid`), when the claims could be read.
    public var objectID: String?
    /// The tenant (`tid`), when the claims could be read.
    public var tenantID: String?
    /// For ``Reason/insufficientAccess``: the requirement that was not met, e.g. `anyRole("DoAll")`.
    public var requirement: String?

    /// An error with a reason and an explanation.
    public init(_ reason: Reason, _ message: String, keyID: String? = nil, clientAppID: String? = nil,
                objectID: String? = nil, tenantID: String? = nil, requirement: String? = nil) {
        self.reason = reason
        self.message = message
        self.keyID = keyID
        self.clientAppID = clientAppID
        self.objectID = objectID
        self.tenantID = tenantID
        self.requirement = requirement
    }

    /// The HTTP status: 400, 401, 403 or 503.
    public var status: Int {
        switch reason {
        case .malformedAuthorizationHeader, .multipleTokens, .tokenInDisallowedLocation: 400
        case .insufficientAccess: 403
        case .signingKeysUnavailable: 503
        default: 401
        }
    }

    /// The RFC 6750 §3.1 `error` code for the `WWW-Authenticate` challenge, or `nil` when the
    /// request carried no token (RFC 6750 §3.1: no error code then) or keys are unavailable.
    public var bearerErrorCode: String? {
        switch reason {
        case .missingToken, .signingKeysUnavailable: nil
        case .malformedAuthorizationHeader, .multipleTokens, .tokenInDisallowedLocation: "invalid_request"
        case .insufficientAccess: "insufficient_scope"
        default: "invalid_token"
        }
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
