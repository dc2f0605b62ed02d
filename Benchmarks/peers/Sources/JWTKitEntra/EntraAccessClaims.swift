import Foundation
import JWTKit

/// The claims of an Entra ID access token (v1 or v2) as jwt-kit decodes them, with the checks
/// aad-func makes after the signature: `exp`/`nbf` (60 s skew, as EntraAuth's default), `iss`
/// equal to the authority's discovery `issuer`, and `aud` one of the accepted audiences. The
/// role check (`roles` ∋ DoAll) is the route's, in ``JWTKitGate``.
public struct EntraAccessClaims: JWTPayload, Equatable {
    public var aud: AudienceClaim
    public var iss: IssuerClaim
    public var exp: ExpirationClaim
    public var nbf: NotBeforeClaim?
    public var iat: IssuedAtClaim?
    public var sub: SubjectClaim?
    public var tid: String?
    public var oid: String?
    public var appid: String?
    public var azp: String?
    public var roles: [String]?
    public var ver: String?
    public var xms_mirid: String?

    /// Set once at start, before any token is verified.
    nonisolated(unsafe) public static var expectations = Expectations(issuer: "", audiences: [])

    public struct Expectations: Sendable {
        public var issuer: String
        public var audiences: [String]
        public init(issuer: String, audiences: [String]) {
            self.issuer = issuer
            self.audiences = audiences
        }
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        let skew: TimeInterval = 60
        let now = Date()
        guard exp.value.addingTimeInterval(skew) > now else {
            throw JWTError.claimVerificationFailure(failedClaim: exp, reason: "expired")
        }
        if let nbf, nbf.value.addingTimeInterval(-skew) > now {
            throw JWTError.claimVerificationFailure(failedClaim: nbf, reason: "not yet valid")
        }
        let expected = Self.expectations
        guard iss.value == expected.issuer else {
            throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer not trusted")
        }
        guard aud.value.contains(where: expected.audiences.contains) else {
            throw JWTError.claimVerificationFailure(failedClaim: aud, reason: "audience not accepted")
        }
    }
}
