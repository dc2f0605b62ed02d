/// Whether App Service authentication ("Easy Auth") headers are believed.
///
/// `X-MS-CLIENT-PRINCIPAL*` headers are set by App Service after it validated the caller, but
/// any client can send them to an app reachable another way. ``off`` (the default) removes every
/// such header before handlers see it; ``trusted`` reads `X-MS-CLIENT-PRINCIPAL` as the identity
/// when no bearer token is sent (a bearer token, when present, is still validated and wins).
public enum EasyAuthMode: Sendable, Hashable {
    /// Strip `X-MS-CLIENT-PRINCIPAL*` headers; identity comes from bearer tokens only.
    case off
    /// Use `X-MS-CLIENT-PRINCIPAL` when no bearer token is sent. Only behind App Service authentication.
    case trusted
}
