/// The Entra access-token format, from the `ver` claim (`"1.0"` or `"2.0"`).
///
/// The API's app registration (`accessTokenAcceptedVersion`) picks the version, not the caller:
/// managed-identity tokens for an API that never set it are v1, with issuer
/// `https://sts.windows.net/{tid}/`.
public enum TokenVersion: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `ver: "1.0"`: issuer `https://sts.windows.net/{tid}/`, `appid`/`appidacr`, audience as requested.
    case v1 = "1.0"
    /// `ver: "2.0"`: issuer `https://login.microsoftonline.com/{tid}/v2.0`, `azp`/`azpacr`, audience the client ID.
    case v2 = "2.0"

    public var description: String { "v\(rawValue)" }

    /// The version a `ver` claim names, byte-exact.
    init?(claim: String) {
        if bytesEqual(claim, "1.0") { self = .v1 } else if bytesEqual(claim, "2.0") { self = .v2 } else { return nil }
    }
}
