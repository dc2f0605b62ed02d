public import Foundation
import JOSE

/// Validates Entra ID access tokens: signature against the authority's published keys, then
/// the claims against a ``TokenValidationPolicy``, with a cache of validated tokens in front.
/// Knows nothing of any HTTP framework: token in, ``EntraIdentity`` or ``EntraAuthError`` out.
///
/// The order of checks (the first failure is the answer):
/// 1. size (before any decoding), keys loaded (else 503);
/// 2. cache hit → `exp`/`nbf` re-checked against the clock, signing key still published → done;
/// 3. JWS: strict parsing, `alg` allow-list, forbidden header members, key by `kid`/`x5t`
///    (an unknown key triggers one shared refresh, and this request is answered from its
///    result), signature; a failed signature on a Graph token is reported as a Graph token;
/// 4. header `typ`; `aud`; `iss` (with `tid` binding for templates and the signing key's own
///    `issuer`); allowed tenants; `ver`; `exp`, `nbf`, `iat` with clock skew; required claims.
///
/// ```swift
/// let validator = EntraTokenValidator(
///     policy: TokenValidationPolicy(audiences: ["api://aad-func"]),
///     keys: SigningKeyProvider(source: .authority("https://login.microsoftonline.com/\(tid)/v2.0")))
/// let identity = try await validator.validate(token)
/// print(identity.roles)
/// ```
public final class EntraTokenValidator: Sendable {
    /// The rules tokens must satisfy.
    public let policy: TokenValidationPolicy
    /// Where signing keys come from.
    public let keys: any SigningKeyResolving
    /// Counters for accepted and refused tokens and cache use.
    public let metrics: AuthMetrics
    private let cache: ValidatedTokenCache?
    private let now: @Sendable () -> Date

    /// A validator.
    ///
    /// - Parameters:
    ///   - cache: cache limits (default 10,000 tokens, 64 MiB); ``TokenCacheLimits/disabled`` turns it off.
    ///   - metrics: where to count outcomes (share one between validators to aggregate).
    ///   - now: the clock, injectable to judge tokens as of a moment (tests, `entra-auth inspect --at`).
    public init(policy: TokenValidationPolicy, keys: any SigningKeyResolving, cache: TokenCacheLimits = TokenCacheLimits(),
                metrics: AuthMetrics = AuthMetrics(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.policy = policy
        self.keys = keys
        self.metrics = metrics
        self.cache = cache.isEnabled ? ValidatedTokenCache(limits: cache) : nil
        self.now = now
    }

    /// How many tokens the cache holds and the bytes it accounts for.
    public var cacheUsage: (entries: Int, bytes: Int) { cache?.usage ?? (0, 0) }

    /// Validates `token` (the compact JWS, without `Bearer `).
    ///
    /// - Throws: ``EntraAuthError`` saying exactly what failed.
    public func validate(_ token: String) async throws(EntraAuthError) -> EntraIdentity {
        do {
            let identity = try await validateCounted(token)
            metrics.recordAccepted()
            return identity
        } catch {
            metrics.recordRefused(error.reason)
            throw error
        }
    }

    private func validateCounted(_ token: String) async throws(EntraAuthError) -> EntraIdentity {
        let size = token.utf8.count
        guard size <= policy.maximumTokenByteCount else {
            throw EntraAuthError(.tokenTooLarge, "the token is \(size) bytes; the limit is \(policy.maximumTokenByteCount)")
        }
        guard let snapshot = keys.currentKeys() else {
            throw EntraAuthError(.signingKeysUnavailable, "signing keys have not been loaded from the authority yet; retry shortly")
        }
        let nowSeconds = now().timeIntervalSince1970
        if let cache {
            if let entry = cache.lookup(token), isStillValid(entry, token: token, snapshot: snapshot, now: nowSeconds, cache: cache) {
                metrics.recordCacheHit()
                return entry.identity
            }
            metrics.recordCacheMiss()
        }
        let (identity, expires, notBefore, version) = try await validateInFull(token, snapshot: snapshot, now: nowSeconds)
        cache?.insert(token, .init(identity: identity, expires: expires, notBefore: notBefore, keySetVersion: version))
        return identity
    }

    /// A cached token is served only while its lifetime holds and its key is still published.
    private func isStillValid(_ entry: ValidatedTokenCache.Entry, token: String, snapshot: SigningKeySnapshot,
                              now: Double, cache: ValidatedTokenCache) -> Bool {
        let skew = policy.skewSeconds
        guard now < entry.expires + skew, (entry.notBefore.map { now >= $0 - skew } ?? true) else {
            cache.remove(token)   // full validation says why
            return false
        }
        guard entry.keySetVersion != snapshot.version else { return true }
        guard let keyID = entry.identity.signingKeyID, Self.isPublished(keyID, in: snapshot.keys) else {
            cache.remove(token)
            return false
        }
        cache.touch(token, keySetVersion: snapshot.version)
        return true
    }

    /// Whether a key with this `kid` (or, for `x5t`-only tokens, this `x5t`) is in `keys`.
    static func isPublished(_ keyID: String, in keys: JWKSet) -> Bool {
        !keys.keys(withID: keyID).isEmpty
            || keys.keys.contains { key in key.x509CertificateSHA1Thumbprint.map { bytesEqual($0, keyID) } ?? false }
    }

    // MARK: Full validation

    private func validateInFull(_ token: String, snapshot: SigningKeySnapshot, now: Double)
        async throws(EntraAuthError) -> (EntraIdentity, Double, Double?, UInt64) {
        var snapshot = snapshot
        let verified: VerifiedJWS
        do {
            verified = try verifier(for: snapshot).verify(token)
        } catch where error.reason == .keyNotFound {
            let keyID = Self.headerKeyID(token)
            if let refreshed = await keys.refreshForUnknownKey(keyID), refreshed.version != snapshot.version {
                snapshot = refreshed
                do {
                    verified = try verifier(for: snapshot).verify(token)
                } catch {
                    throw diagnose(error, token: token, snapshot: snapshot)
                }
            } else {
                throw diagnose(error, token: token, snapshot: snapshot)
            }
        } catch {
            throw diagnose(error, token: token, snapshot: snapshot)
        }
        guard let claims = verified.claims else {
            throw EntraAuthError(.malformedToken, "the payload is not a JSON object")
        }
        let identity = try checkClaims(claims, payload: verified.payload, header: verified.header, key: verified.key, metadataIssuer: snapshot.issuer, now: now)
        let expires = NumericDate.seconds(claims["exp"]) ?? now
        return (identity, expires, NumericDate.seconds(claims["nbf"]), snapshot.version)
    }

    private func verifier(for snapshot: SigningKeySnapshot) -> JWSVerifier {
        JWSVerifier(keys: snapshot.keys, algorithms: policy.algorithms, maximumTokenByteCount: policy.maximumTokenByteCount)
    }

    /// The header's `kid` (or `x5t`), read without verifying anything; for refreshes and messages.
    static func headerKeyID(_ token: String) -> String? {
        guard let header = try? UnverifiedJWS(parsing: token).header else { return nil }
        return (header["kid"] ?? header["x5t"])?.stringValue
    }

    /// Turns a JOSE refusal into the Entra reason, recognising Graph tokens behind bad signatures.
    private func diagnose(_ error: JOSEError, token: String, snapshot: SigningKeySnapshot) -> EntraAuthError {
        let unverified = try? UnverifiedJWS(parsing: token, maximumTokenByteCount: policy.maximumTokenByteCount)
        let keyID = (unverified?.header["kid"] ?? unverified?.header["x5t"])?.stringValue
        if error.reason == .invalidSignature || error.reason == .keyNotFound, let unverified {
            if unverified.header.contains(name: "nonce") {
                return EntraAuthError(.graphToken, "this is a Microsoft Graph token (its header carries \"nonce\"): it was issued for Graph, not for this API; request a token for this API's App ID URI (scope \"<app-id-uri>/.default\")", keyID: keyID)
            }
            if let audience = Self.unverifiedAudience(unverified), let name = WellKnownAudiences.name(of: audience) {
                return EntraAuthError(name == "Microsoft Graph" ? .graphToken : .audienceNotAccepted,
                                      "this token was issued for \(name) (audience \(logSafe(audience))), not for this API; request a token for one of \(audienceList)", keyID: keyID)
            }
        }
        switch error.reason {
        case .tooLarge: return EntraAuthError(.tokenTooLarge, error.message, keyID: keyID)
        case .isJWE: return EntraAuthError(.encryptedToken, "encrypted tokens (JWE) are not accepted: \(error.message)", keyID: keyID)
        case .algorithmNone, .unsupportedAlgorithm, .algorithmNotAllowed:
            return EntraAuthError(.algorithmNotAllowed, "\(error.message) (allowed: \(policy.algorithms.map(\.rawValue).sorted().joined(separator: ", ")))", keyID: keyID)
        case .unknownCritical, .unencodedPayload, .nestedToken, .embeddedKey:
            return EntraAuthError(.forbiddenHeader, error.message, keyID: keyID)
        case .invalidSignature:
            return EntraAuthError(.invalidSignature, "the signature does not verify with the published key \(keyID.map(logSafe) ?? "")", keyID: keyID)
        case .keyNotFound:
            let fetched = NumericDate.iso8601(snapshot.fetchedAt.timeIntervalSince1970)
            return EntraAuthError(.unknownSigningKey, "signing key \(keyID.map(logSafe) ?? "(no kid)") is not published by the authority (\(snapshot.keys.keys.count) keys, fetched \(fetched)); a token from another tenant or cloud, or an app with its own signing keys (configure its appid)?", keyID: keyID)
        case .ambiguousKey, .keyTypeMismatch, .keyAlgorithmMismatch, .keyUseMismatch, .keyCurveMismatch, .keyTooShort,
             .keyRejected, .invalidKey, .unsupportedKey, .privateKeyMaterial, .mixedKeySet:
            return EntraAuthError(.unknownSigningKey, "no usable published key: \(error.message)", keyID: keyID)
        case .malformed, .invalidBase64URL, .invalidJSON, .duplicateMember, .invalidHeader:
            return EntraAuthError(.malformedToken, "the token is not a well-formed JWS: \(error.message)", keyID: keyID)
        }
    }

    private static func unverifiedAudience(_ token: UnverifiedJWS) -> String? {
        guard let claims = try? JSONReader.parse(token.payload).objectValue else { return nil }
        switch claims["aud"] {
        case .string(let audience): return audience
        case .array(let values): return values.first?.stringValue
        default: return nil
        }
    }

    private var audienceList: String { policy.audiences.map(logSafe).joined(separator: ", ") }

    // MARK: Claims

    private func checkClaims(_ claims: JSONObject, payload: [UInt8], header: JSONObject, key: JWK, metadataIssuer: String?, now: Double)
        throws(EntraAuthError) -> EntraIdentity {
        let keyID = (header["kid"] ?? header["x5t"])?.stringValue
        let tenantID = claims["tid"]?.stringValue
        func refuse(_ reason: EntraAuthError.Reason, _ message: String) -> EntraAuthError {
            EntraAuthError(reason, message, keyID: keyID, clientAppID: (claims["appid"] ?? claims["azp"])?.stringValue,
                           objectID: claims["oid"]?.stringValue, tenantID: tenantID)
        }

        // Header type.
        let type = header["typ"]
        if let type, type.stringValue == nil { throw refuse(.tokenTypeNotAccepted, "the header's \"typ\" is not a string") }
        guard policy.tokenTypes.accepts(type?.stringValue) else {
            throw refuse(.tokenTypeNotAccepted, "token type \(type?.stringValue.map(logSafe) ?? "(none)") is not accepted (accepted: \(policy.tokenTypes.accepted.map(logSafe).joined(separator: ", ")))")
        }

        // Audience.
        let audiences: [String]
        switch claims["aud"] {
        case .string(let value): audiences = [value]
        case .array(let values) where values.allSatisfy({ $0.stringValue != nil }) && !values.isEmpty: audiences = values.compactMap(\.stringValue)
        case nil: throw refuse(.audienceNotAccepted, "the token has no \"aud\" claim")
        default: throw refuse(.invalidClaim, "the \"aud\" claim is not a string or an array of strings")
        }
        guard let audience = audiences.lazy.compactMap({ self.policy.acceptedAudience($0) }).first else {
            let first = audiences[0]
            if let name = WellKnownAudiences.name(of: first) {
                throw refuse(name == "Microsoft Graph" ? .graphToken : .audienceNotAccepted,
                             "this token was issued for \(name) (audience \(logSafe(first))), not for this API; request a token for one of \(audienceList)")
            }
            throw refuse(.audienceNotAccepted, "the token's audience \(audiences.map(logSafe).joined(separator: ", ")) is not accepted here (accepted: \(audienceList)); the caller asked for a token for another API")
        }

        // Issuer, tenant binding and the signing key's issuer.
        guard let issuer = claims["iss"]?.stringValue else { throw refuse(.issuerNotTrusted, "the token has no \"iss\" claim") }
        let patterns = policy.issuers.patterns(metadataIssuer: metadataIssuer)
        guard patterns.contains(where: { IssuerPolicy.matches(issuer, tenantID: tenantID, pattern: $0) }) else {
            if patterns.contains(where: { $0.contains(IssuerPolicy.tenantPlaceholder) }), !(tenantID.map(isGUID) ?? false) {
                throw refuse(.invalidTenant, "the token's \"tid\" \(tenantID.map(logSafe) ?? "(missing)") is not a tenant GUID, so issuer \(logSafe(issuer)) cannot match the multi-tenant issuer template")
            }
            throw refuse(.issuerNotTrusted, "issuer \(logSafe(issuer)) is not trusted (trusted: \(patterns.map(logSafe).joined(separator: ", ")))")
        }
        // The tenant in the issuer's path and `tid` must agree (always checked when both are
        // there; required for a multi-tenant template, which `matches` already bound to `tid`).
        if let segment = EntraIssuer.tenantSegment(of: issuer), isGUID(segment), let tenantID,
           !asciiCaseInsensitiveEqual(segment, tenantID) {
            throw refuse(.invalidTenant, "the token's \"tid\" \(logSafe(tenantID)) does not match its issuer \(logSafe(issuer))")
        }
        if policy.checksSigningKeyIssuer, let keyIssuer = key.members["issuer"]?.stringValue {
            let matches = IssuerPolicy.matches(issuer, tenantID: tenantID, pattern: keyIssuer)
                || EntraIssuer.otherVersion(of: issuer).map { IssuerPolicy.matches($0, tenantID: tenantID, pattern: keyIssuer) } == true
            guard matches else {
                throw refuse(.signingKeyIssuerMismatch, "issuer \(logSafe(issuer)) does not match the signing key's issuer \(logSafe(keyIssuer))")
            }
        }
        if let allowed = policy.allowedTenants {
            guard let tenantID, allowed.contains(where: { asciiCaseInsensitiveEqual($0, tenantID) }) else {
                throw refuse(.tenantNotAllowed, "tenant \(tenantID.map(logSafe) ?? "(missing)") is not allowed (allowed: \(allowed.map(logSafe).joined(separator: ", ")))")
            }
        }

        // Version.
        if let versionValue = claims["ver"] {
            guard let text = versionValue.stringValue, let version = TokenVersion(claim: text) else {
                throw refuse(.tokenVersionNotAccepted, "token version \(versionValue.stringValue.map(logSafe) ?? versionValue.compactJSON) is not an Entra access-token version")
            }
            guard policy.acceptedVersions.contains(version) else {
                throw refuse(.tokenVersionNotAccepted, "\(version) tokens are not accepted (accepted: \(policy.acceptedVersions.map(\.description).sorted().joined(separator: ", ")))")
            }
        }

        // Lifetime.
        let skew = policy.skewSeconds
        let nowText = NumericDate.iso8601(now)
        guard let expires = NumericDate.seconds(claims["exp"]) else {
            throw refuse(claims["exp"] == nil ? .expired : .invalidClaim, claims["exp"] == nil ? "the token has no \"exp\" claim, which is required" : "the \"exp\" claim is not a number of seconds below 2^63")
        }
        guard now < expires + skew else {
            throw refuse(.expired, "the token expired at \(NumericDate.iso8601(expires)) (now \(nowText), clock skew \(Int(skew)) s)")
        }
        if let notBeforeValue = claims["nbf"] {
            guard let notBefore = NumericDate.seconds(notBeforeValue) else { throw refuse(.invalidClaim, "the \"nbf\" claim is not a number of seconds below 2^63") }
            guard now >= notBefore - skew else {
                throw refuse(.notYetValid, "the token is not valid before \(NumericDate.iso8601(notBefore)) (now \(nowText), clock skew \(Int(skew)) s)")
            }
        }
        if let issuedAtValue = claims["iat"] {
            guard let issuedAt = NumericDate.seconds(issuedAtValue) else { throw refuse(.invalidClaim, "the \"iat\" claim is not a number of seconds below 2^63") }
            guard issuedAt <= now + skew else {
                throw refuse(.invalidIssuedAt, "the token claims to be issued at \(NumericDate.iso8601(issuedAt)), in the future (now \(nowText))")
            }
            if let maximumAge = policy.maximumTokenAge {
                let age = Double(maximumAge.components.seconds)
                guard now - issuedAt <= age + skew else {
                    throw refuse(.invalidIssuedAt, "the token was issued at \(NumericDate.iso8601(issuedAt)), more than \(Int(age)) s ago")
                }
            }
        } else if policy.maximumTokenAge != nil {
            throw refuse(.missingRequiredClaim, "the token has no \"iat\" claim, which a maximum token age needs")
        }

        // Required claims.
        for name in policy.requiredClaims where !claims.contains(name: name) {
            throw refuse(.missingRequiredClaim, "the token has no \(logSafe(name)) claim, which this API requires")
        }
        for name in ["roles", "groups"] {
            if let value = claims[name], !Self.isStringList(value) {
                throw refuse(.invalidClaim, "the \"\(name)\" claim is not an array of strings")
            }
        }
        return EntraIdentity(claims: claims, issuer: issuer, audience: audience,
                             expiresAt: Date(timeIntervalSince1970: expires), signingKeyID: keyID, claimsJSON: payload)
    }

    private static func isStringList(_ value: JSONValue) -> Bool {
        switch value {
        case .string: true
        case .array(let items): items.allSatisfy { $0.stringValue != nil }
        default: false
        }
    }
}
