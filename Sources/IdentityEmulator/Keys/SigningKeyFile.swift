public import JOSE

/// Reads the emulator's signing key from a file (`entra-auth emulator --signing-key FILE`).
///
/// Accepted today: an RSA **private JWK** (`{"kty":"RSA","n":…,"e":…,"d":…,"p":…,"q":…}`; other
/// members such as `dp`, `dq`, `qi`, `kid` are ignored and the CRT values recomputed). PEM
/// private keys are refused for now: JOSE has no PKCS#1/PKCS#8 private-key reader yet.
///
/// ```swift
/// let key = try SigningKeyFile.rsaPrivateKey(fromJWK: Array(fileContents))
/// let emulator = try IdentityEmulator(configuration: .default, signingKey: key)
/// ```
public enum SigningKeyFile {
    /// Loads an RSA private key from private JWK text.
    ///
    /// - Throws: ``EmulatorConfigurationError`` with reason `invalidSigningKey` (or `invalidJSON`).
    public static func rsaPrivateKey(fromJWK bytes: some Collection<UInt8>) throws(EmulatorConfigurationError) -> RSAPrivateKey {
        let bytes = Array(bytes)
        if bytes.starts(with: Array("-----BEGIN".utf8)) {
            throw EmulatorConfigurationError(.invalidSigningKey, "PEM keys are not supported yet; give an RSA private JWK")
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            let position = TextPosition(offset: error.offset, in: bytes)
            throw EmulatorConfigurationError(.invalidJSON, "signing key: \(error)", line: position.line, column: position.column)
        }
        guard let object = value.objectValue, object["kty"]?.stringValue == "RSA" else {
            throw EmulatorConfigurationError(.invalidSigningKey, "the signing key must be a JWK object with \"kty\":\"RSA\"")
        }
        func member(_ name: String) throws(EmulatorConfigurationError) -> [UInt8] {
            guard let string = object[name]?.stringValue else {
                throw EmulatorConfigurationError(.invalidSigningKey, "the RSA private JWK has no string \"\(name)\"")
            }
            do {
                return try Base64URL.decode(string)
            } catch {
                throw EmulatorConfigurationError(.invalidSigningKey, "\"\(name)\" is not base64url: \(error)")
            }
        }
        let (n, e, d, p, q) = (try member("n"), try member("e"), try member("d"), try member("p"), try member("q"))
        do {
            return try RSAPrivateKey(modulus: n, publicExponent: e, privateExponent: d, prime1: p, prime2: q)
        } catch {
            throw EmulatorConfigurationError(.invalidSigningKey, "the RSA private key is inconsistent: \(error)")
        }
    }
}
