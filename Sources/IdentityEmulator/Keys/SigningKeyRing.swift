import JOSE
import Synchronization

/// The emulator's signing keys: one current key that signs, and the previous one, still
/// published in the JWK Set until the next rotation so tokens it signed keep verifying.
///
/// Each key's `kid` (and `x5t`, equal to it as on Entra) is the base64url of the first 20 bytes
/// of its RFC 7638 thumbprint: 27 characters, the shape of Entra's SHA-1 certificate thumbprints.
final class SigningKeyRing: Sendable {
    /// A key with its signer and published JWK.
    struct Entry: Sendable {
        var keyID: String
        var signer: JWSSigner
        var jwk: JSONObject
    }

    private struct State {
        var current: Entry
        var previous: Entry?
    }

    private let state: Mutex<State>

    /// A ring whose current key is `key`.
    init(key: RSAPrivateKey) {
        state = Mutex(State(current: Self.entry(for: key), previous: nil))
    }

    /// The key that signs new tokens.
    var current: Entry { state.withLock { $0.current } }

    /// The published keys, current first.
    var published: [Entry] {
        state.withLock { state in [state.current] + (state.previous.map { [$0] } ?? []) }
    }

    /// Makes `key` current and keeps the old current key published; the key published before
    /// it is withdrawn. Returns the new `kid`.
    @discardableResult
    func rotate(to key: RSAPrivateKey) -> String {
        let entry = Self.entry(for: key)
        state.withLock { state in
            state.previous = state.current
            state.current = entry
        }
        return entry.keyID
    }

    static func entry(for key: RSAPrivateKey) -> Entry {
        let publicJWK = JWK(material: .rsa(key.publicKey))
        let keyID = Base64URL.encode(publicJWK.thumbprint().prefix(20))
        // RS256 with an RSA key and no extra header members always fits.
        guard let signer = try? JWSSigner(key: .rsa(key), algorithm: .rs256, keyID: keyID, x509Thumbprint: keyID) else {
            preconditionFailure("RS256 signer for an RSA key")
        }
        // Entra's member order: kty, use, kid, x5t, n, e.
        let members: [JSONObject.Member] = [
            .init(name: "kty", value: "RSA"), .init(name: "use", value: "sig"), .init(name: "kid", value: .string(keyID)),
            .init(name: "x5t", value: .string(keyID)), .init(name: "n", value: .string(Base64URL.encode(key.publicKey.modulus))),
            .init(name: "e", value: .string(Base64URL.encode(key.publicKey.publicExponent))),
        ]
        return Entry(keyID: keyID, signer: signer, jwk: JSONObject(members))
    }
}
