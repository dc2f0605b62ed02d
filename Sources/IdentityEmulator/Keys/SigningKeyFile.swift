public import JOSE

/// Reads the emulator's signing key from a file (`entra-auth emulator --signing-key FILE`): an RSA
/// private JWK, or a PKCS #8 (`BEGIN PRIVATE KEY`) or PKCS #1 (`BEGIN RSA PRIVATE KEY`) PEM.
///
/// ```swift
/// let key = try SigningKeyFile.rsaPrivateKey(from: Array(fileContents))
/// let emulator = try Emulator(configuration: .default, signingKey: key)
/// ```
public enum SigningKeyFile {
    /// Loads an RSA private key from JWK or PEM text.
    ///
    /// - Throws: ``EmulatorConfigurationError`` with reason `invalidSigningKey` (or `invalidJSON`
    ///   with the line and column for JWK text that is not JSON).
    public static func rsaPrivateKey(from bytes: some Collection<UInt8>) throws(EmulatorConfigurationError) -> RSAPrivateKey {
        let bytes = Array(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).starts(with: "-----BEGIN".utf8) {
            do {
                return try RSAPrivateKey(pemRepresentation: text)
            } catch {
                throw EmulatorConfigurationError(.invalidSigningKey, "the PEM signing key was refused: \(error)")
            }
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            let position = TextPosition(offset: error.offset, in: bytes)
            throw EmulatorConfigurationError(.invalidJSON, "signing key: \(error)", line: position.line, column: position.column)
        }
        guard let object = value.objectValue else {
            throw EmulatorConfigurationError(.invalidSigningKey, "the signing key must be an RSA private JWK object or a PEM")
        }
        do {
            return try RSAPrivateKey(jwk: object)
        } catch {
            throw EmulatorConfigurationError(.invalidSigningKey, "the RSA private JWK was refused: \(error)")
        }
    }
}
