import Foundation
import JWTKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a request gets from ``JWTKitGate``.
public enum GateOutcome: Sendable {
    case allowed(EntraAccessClaims)
    case unauthorized
    case forbidden
}

/// Bearer-token checking with jwt-kit, the way a Hummingbird or Vapor user would write it.
public struct JWTKitGate: Sendable {
    public let keys: JWTKeyCollection

    /// Fetches `{authority}/.well-known/openid-configuration`, then its `jwks_uri`, once at start
    /// (the same discovery EntraAuth does), and sets the expected issuer and audiences.
    public static func discover(authority: String, audiences: [String]) async throws -> JWTKitGate {
        let base = authority.hasSuffix("/") ? authority : authority + "/"
        guard let discoveryURL = URL(string: base + ".well-known/openid-configuration") else { throw GateError("bad authority \(authority)") }
        let (discoveryData, _) = try await URLSession.shared.data(from: discoveryURL)
        guard let discovery = try JSONSerialization.jsonObject(with: discoveryData) as? [String: Any],
              let issuer = discovery["issuer"] as? String, let jwksText = discovery["jwks_uri"] as? String,
              let jwksURL = URL(string: jwksText)
        else { throw GateError("discovery document at \(discoveryURL) lacks issuer or jwks_uri") }
        let (jwksData, _) = try await URLSession.shared.data(from: jwksURL)
        let keys = JWTKeyCollection()
        try await keys.add(jwksJSON: String(decoding: jwksData, as: UTF8.self))
        EntraAccessClaims.expectations = .init(issuer: issuer, audiences: audiences)
        return JWTKitGate(keys: keys)
    }

    /// Checks an `Authorization` value (`Bearer <jwt>`); `role`, when given, must be in `roles`.
    public func check(authorization: String?, role: String?) async -> GateOutcome {
        guard let authorization, authorization.utf8.count > 7,
              authorization.utf8.prefix(7).map({ $0 | 0x20 }) == Array("bearer ".utf8)
        else { return .unauthorized }
        let token = authorization.utf8.dropFirst(7).drop { $0 == UInt8(ascii: " ") }
        let claims: EntraAccessClaims
        do {
            claims = try await keys.verify(Array(token), as: EntraAccessClaims.self)
        } catch {
            return .unauthorized
        }
        if let role, !(claims.roles ?? []).contains(role) { return .forbidden }
        return .allowed(claims)
    }

    /// The claims as JSON, as the handler answers them.
    public static func json(_ claims: EntraAccessClaims) throws -> Data {
        try encoder.encode(claims)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()
}

public struct GateError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
