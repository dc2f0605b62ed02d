import EntraAuthCore
import Foundation
import JOSE

/// A token decoded **without verifying anything**, and what its header and claims say about it:
/// caller kind, version, issuer shape, Graph or not, roles and scopes, times. Everything here is
/// what the token claims; only ``EntraTokenValidator`` says whether to believe it.
///
/// ```swift
/// let decoded = try DecodedToken(token)
/// print(decoded.summary(asOf: Date()).isGraphToken)
/// ```
struct DecodedToken {
    /// The protected header as sent.
    let header: JSONObject
    /// The payload's claims as sent.
    let claims: JSONObject

    /// Decodes a compact JWS whose payload is a JSON object.
    ///
    /// - Throws: ``EntraAuthError`` `malformedToken` (or `tokenTooLarge`), with JOSE's explanation.
    init(_ token: String, maximumTokenByteCount: Int = 64 * 1024) throws(EntraAuthError) {
        let jws: UnverifiedJWS
        do {
            jws = try UnverifiedJWS(parsing: token, maximumTokenByteCount: maximumTokenByteCount)
        } catch {
            if error.reason == .tooLarge { throw EntraAuthError(.tokenTooLarge, error.message) }
            if error.reason == .isJWE { throw EntraAuthError(.encryptedToken, "an encrypted token (JWE) cannot be decoded: \(error.message)") }
            throw EntraAuthError(.malformedToken, "the token is not a well-formed JWS: \(error.message)")
        }
        let payload: JSONValue
        do {
            payload = try JSONReader.parse(jws.payload)
        } catch {
            throw EntraAuthError(.malformedToken, "the payload is not JSON: \(error)")
        }
        guard let claims = payload.objectValue else {
            throw EntraAuthError(.malformedToken, "the payload is not a JSON object")
        }
        header = jws.header
        self.claims = claims
    }

    /// What the token says about itself, with times judged against `reference`.
    func summary(asOf reference: Date) -> TokenSummary {
        TokenSummary(header: header, claims: claims, reference: reference)
    }
}

/// The facts `inspect` reports about a decoded (not necessarily valid) token.
///
/// Typed claims come from ``EntraIdentity`` built over the unverified claims, so `roles`, `scp`,
/// `appid`/`azp` and app-only detection read exactly as the middleware reads them.
struct TokenSummary {
    /// App-only (an application as itself) or delegated (on behalf of a user), and why.
    let isAppOnly: Bool
    /// The claim that decided ``isAppOnly``, for people: `idtyp "app"`, `no idtyp; no scp claim`, …
    let callerKindBasis: String
    /// The `ver` claim as sent, and its Entra reading.
    let versionClaim: JSONValue?
    let version: TokenVersion?
    /// `iss`, its Entra shape (`Entra v1`, `Entra v2`, `not an Entra issuer`) and its tenant segment.
    let issuer: String?
    let issuerShape: String
    let issuerTenant: String?
    /// Every `aud` value (a string or an array of strings).
    let audiences: [String]
    /// The well-known Microsoft API the first audience names (`Microsoft Graph`, …), if any.
    let wellKnownAudience: String?
    /// Why this is a Microsoft Graph token, or `nil` when it is not one.
    let graphExplanation: String?
    let roles: [String]
    let scopes: [String]
    let groups: [String]
    /// `appid` (v1) or `azp` (v2), and which of the two it was.
    let clientAppID: String?
    let clientAppIDClaim: String?
    let objectID: String?
    let tenantID: String?
    let managedIdentityResourceID: String?
    /// `iat`, `nbf`, `exp` in seconds (when numbers) and the raw values (to show what a non-number was).
    let issuedAt: Double?
    let notBefore: Double?
    let expiresAt: Double?
    /// The moment times are judged against (now, or `--at`).
    let reference: Date

    init(header: JSONObject, claims: JSONObject, reference: Date) {
        let audiences: [String] = switch claims["aud"] {
        case .string(let value): [value]
        case .array(let values): values.compactMap(\.stringValue)
        default: []
        }
        let issuer = claims["iss"]?.stringValue
        let expires = Self.seconds(claims["exp"])
        // EntraIdentity only reads claims: building one over unverified claims gives the
        // middleware's interpretation of them without trusting them.
        let identity = EntraIdentity(claims: claims, issuer: issuer ?? "", audience: audiences.first ?? "",
                                     expiresAt: Date(timeIntervalSince1970: expires ?? 0), signingKeyID: nil)
        isAppOnly = identity.isAppOnly
        if let type = claims["idtyp"] {
            callerKindBasis = "idtyp \(JSONWriter.serialize(type))"
        } else {
            callerKindBasis = claims["scp"] == nil ? "no idtyp claim; no scp claim" : "no idtyp claim; scp present"
        }
        versionClaim = claims["ver"]
        version = identity.version
        self.issuer = issuer
        (issuerShape, issuerTenant) = Self.shape(of: issuer)
        self.audiences = audiences
        wellKnownAudience = audiences.first.flatMap(WellKnownAudiences.name(of:))
        graphExplanation = Self.graphExplanation(header: header, audiences: audiences)
        roles = identity.roles
        scopes = identity.scopes
        groups = identity.groups
        clientAppID = identity.clientAppID
        clientAppIDClaim = identity.clientAppID == nil ? nil : (claims["appid"]?.stringValue != nil ? "appid" : "azp")
        objectID = identity.objectID
        tenantID = identity.tenantID
        managedIdentityResourceID = identity.managedIdentityResourceID
        issuedAt = Self.seconds(claims["iat"])
        notBefore = Self.seconds(claims["nbf"])
        expiresAt = expires
        self.reference = reference
    }

    /// Whether this is a Microsoft Graph token.
    var isGraphToken: Bool { graphExplanation != nil }

    /// `app-only` or `delegated`.
    var callerKind: String { isAppOnly ? "app-only" : "delegated" }

    /// The issuer's Entra shape and tenant: v2 `https://login.{cloud}/{tenant}/v2.0`, v1
    /// `https://sts.{cloud}/{tenant}/` (``EntraIssuer`` knows the host pairs).
    private static func shape(of issuer: String?) -> (String, String?) {
        guard let issuer else { return ("no issuer", nil) }
        guard EntraIssuer.otherVersion(of: issuer) != nil, let tenant = EntraIssuer.tenantSegment(of: issuer) else {
            return ("not an Entra v1/v2 issuer", nil)
        }
        let isV2 = issuer.utf8.reversed().starts(with: "0.2v/".utf8)
        return (isV2 ? "Entra v2" : "Entra v1", String(tenant))
    }

    private static func graphExplanation(header: JSONObject, audiences: [String]) -> String? {
        let remedy = "it was issued for Microsoft Graph, not for your API: the caller must request a token for your API's App ID URI (scope \"<app-id-uri>/.default\"), not for Graph"
        if header.contains(name: "nonce") {
            return "the header carries \"nonce\", which only Microsoft Graph tokens have: Graph replaces the nonce with its hash after signing, so the signature cannot verify outside Graph; \(remedy)"
        }
        if let graph = audiences.first(where: { audience in
            WellKnownAudiences.graph.contains { $0.utf8.elementsEqual(audience.utf8) }
        }) {
            return "its audience \(JSONWriter.serialize(.string(graph))) is Microsoft Graph; \(remedy)"
        }
        return nil
    }

    /// A NumericDate claim in seconds, when it is a finite number.
    static func seconds(_ value: JSONValue?) -> Double? {
        guard let number = value?.numberValue, number.doubleValue.isFinite else { return nil }
        return number.doubleValue
    }
}
