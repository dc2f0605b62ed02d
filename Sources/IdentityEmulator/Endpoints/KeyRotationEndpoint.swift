import HTTPServer
import JOSE

/// `POST /emulator/rotate-keys`: the emulator's own control endpoint (not an Azure protocol).
/// Makes a freshly generated key current and keeps the old current key published until the
/// next rotation, so tokens signed before the rotation keep verifying. Answers
/// `{"kid":"<new kid>","keys":["<new kid>","<previous kid>"]}`. Only loopback clients may call
/// it (`403` otherwise), also when the emulator listens on another interface.
struct KeyRotationEndpoint: Sendable {
    static let path = "/emulator/rotate-keys"

    let service: EmulatorService

    func respond(remoteAddress: SocketAddress?) -> HTTPResponse {
        guard let host = remoteAddress?.host, EmulatorService.isLoopback(host) else {
            return .emulatorJSON(.orderedObject([("error", "forbidden"), ("error_description", "Key rotation is allowed from loopback clients only")]),
                                 status: .forbidden)
        }
        let keyID = service.rotateKeys(to: nil)
        let published = service.keys.published.map { JSONValue.string($0.keyID) }
        return .emulatorJSON(.orderedObject([("kid", .string(keyID)), ("keys", .array(published))]))
    }
}
