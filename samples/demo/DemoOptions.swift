import HTTPServer
import IdentityEmulator
import JOSE

/// What the demo runs with. The defaults are the scenario of the README; tests change them to
/// use fixed keys (no key generation) or to break an expectation on purpose.
struct DemoOptions: Sendable {
    /// The audiences aad-func accepts. The scenario's tokens are for `api://aad-func`, so any
    /// other list makes step 1 fail — which is how the tests check that failures are reported.
    var audiences: [String] = ["api://aad-func"]
    /// The App ID URI callers ask tokens for.
    var apiResource = "api://aad-func"
    /// The emulator's first signing key; `nil` generates one (a few seconds in a debug build).
    var signingKey: RSAPrivateKey?
    /// Makes the key for the rotation step; `nil` generates one (in the background, from the start).
    var rotationKey: (@Sendable () -> RSAPrivateKey)?
    /// How long to wait for aad-func to load the emulator's signing keys.
    var keyLoadTimeout: Duration = .seconds(15)
    /// Where the two servers log (default: nowhere, so the demo's own lines are all you see).
    var logger: Logger = .disabled
}
