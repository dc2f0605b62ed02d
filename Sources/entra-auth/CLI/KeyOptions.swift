import Foundation
import JOSE

/// The key options `verify` and `inspect` share: `--jwks FILE` and `--algorithms LIST`.
enum KeyOptions {
    /// Parses `RS256,ES256` into an allow-list; unknown names and `none` are usage errors.
    static func algorithms(_ list: String) throws(UsageError) -> Set<JWSAlgorithm> {
        var algorithms = Set<JWSAlgorithm>()
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let algorithm = JWSAlgorithm(rawValue: String(name)) else {
                throw UsageError("unsupported algorithm \(String(name).debugDescription) in --algorithms")
            }
            algorithms.insert(algorithm)
        }
        return algorithms
    }

    /// Reads and parses the JWK Set file at `path`; unreadable or refused files are usage errors.
    static func keySet(_ path: String) throws(UsageError) -> JWKSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read the JWK Set file \(path.debugDescription)")
        }
        do {
            return try JWKSet(parsing: data)
        } catch {
            throw UsageError("the JWK Set file \(path.debugDescription) was refused: \(error)")
        }
    }
}
