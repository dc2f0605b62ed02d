import Foundation

/// When a cached token is served, refreshed in the background, or must be fetched again.
///
/// This is MSAL/azure-identity's behaviour: a token with less than 5 minutes left counts as
/// expired (MSAL treats such cache entries as missing), and a token that lives 2 hours or more
/// gets a `refreshOn` at half its lifetime (azure-identity's `refresh_in = expires_in // 2`).
/// Between `refreshOn` and the 5-minute mark the cached token is still returned at once while
/// one background request replaces it; if that request fails the cached token keeps being used
/// until the 5-minute mark. So for a 24 h managed-identity token: served from cache for ~12 h,
/// refreshed in the background after that, never handed out with under 5 minutes to live.
enum RefreshRule {
    /// How close to expiry a token stops being handed out.
    static let expiryMargin: TimeInterval = 5 * 60

    enum State: Equatable {
        /// Use the cached token.
        case fresh
        /// Use the cached token and start a background refresh.
        case refreshAhead
        /// Fetch a new token and wait for it.
        case expired
    }

    static func state(of token: AccessToken, at now: Date) -> State {
        let hardLimit = token.expiresOn.addingTimeInterval(-expiryMargin)
        guard now < hardLimit else { return .expired }
        if let refreshOn = token.refreshOn, now >= refreshOn { return .refreshAhead }
        return .fresh
    }
}
