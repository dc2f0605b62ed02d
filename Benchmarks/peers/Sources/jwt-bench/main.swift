// jwt-bench: jwt-kit and swift-crypto (BoringSSL) rates for the figures jose-bench prints, in
// the same `NAME value unit` format, so ../run.sh can divide one by the other.
//
//   jwtkit-rs256-token / jwtkit-es256-token   whole token: parse, verify, decode claims, exp/nbf/iss/aud, role
//   crypto-rs256-verify / crypto-es256-verify the bare signature check on the same signing input
//
// The token is jose-bench's Entra v2 app-only payload (same members and size; `exp` in the future
// so jwt-kit's checks pass). BENCH_SECONDS (default 1) per figure; the clock is this process's
// CPU time (jose-bench uses its thread's; jwt-kit's verify is async), or wall time with
// BENCH_CLOCK=wall.
import Crypto
import CryptoExtras
import Foundation
import JWTKitEntra
import JWTKit

let environment = ProcessInfo.processInfo.environment
let seconds = Double(environment["BENCH_SECONDS"] ?? "") ?? 1
let wallClock = environment["BENCH_CLOCK"] == "wall"

func clockSeconds() -> Double {
    var time = timespec()
    clock_gettime(wallClock ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Runs `operation` in batches for `seconds` after a warm-up and prints `name rate ops/s`.
func measure(_ name: String, _ operation: () async throws -> Bool) async throws {
    for _ in 0..<50 { guard try await operation() else { fatalError("\(name): the check failed") } }
    var count = 0
    let start = clockSeconds()
    var elapsed = 0.0
    repeat {
        for _ in 0..<32 { guard try await operation() else { fatalError("\(name): the check failed") } }
        count += 32
        elapsed = clockSeconds() - start
    } while elapsed < seconds
    print("\(name) \(String(format: "%.1f", Double(count) / elapsed)) ops/s")
}

func base64url<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

let issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"
let expires = Int(Date().timeIntervalSince1970) + 3900
let payload = """
    {"aud":"api://aad-func","iss":"\(issuer)",\
    "iat":1763700000,"nbf":1763700000,"exp":\(expires),"aio":"k2BgYJj1zdXr9pKZtJ4W6lYy9tnE8r3cAA==",\
    "azp":"5f6c4c2e-8d9a-4e1b-9f3a-2b7c1d0e4f5a","azpacr":"2","idtyp":"app","oid":"0b2f1e3d-4c5a-6b7c-8d9e-0f1a2b3c4d5e",\
    "rh":"1.AR8Av4j5cvGGr0GRqy180BHbRw","roles":["DoAll"],"sub":"0b2f1e3d-4c5a-6b7c-8d9e-0f1a2b3c4d5e",\
    "tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","uti":"Xk3b9cQnRUy2mZ1aT4vLAA","ver":"2.0",\
    "xms_ftd":"mK7hQ0oYyTxq5b2LzVJ9Zk3pR8aAcD1eF2gH3iJ4kL5","xms_idrel":"7 20"}
    """
EntraAccessClaims.expectations = .init(issuer: issuer, audiences: ["api://aad-func"])

// RS256, 2048-bit key, Entra-shaped header (kid, x5t).
let rsaKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
let rsKid = "k2Kx0bTPcFrqD5nDn0pqyi9pDbE"
let rsInput = Array((base64url(#"{"typ":"JWT","alg":"RS256","x5t":"\#(rsKid)","kid":"\#(rsKid)"}"#.utf8) + "." + base64url(payload.utf8)).utf8)
let rsSignature = try rsaKey.signature(for: rsInput, padding: .insecurePKCS1v1_5)
let rsToken = rsInput + Array(("." + base64url(rsSignature.rawRepresentation)).utf8)

// ES256, P-256.
let ecKey = P256.Signing.PrivateKey()
let esInput = Array((base64url(#"{"typ":"JWT","alg":"ES256","kid":"es256-bench"}"#.utf8) + "." + base64url(payload.utf8)).utf8)
let esSignature = try ecKey.signature(for: esInput)
let esToken = esInput + Array(("." + base64url(esSignature.rawRepresentation)).utf8)

let keys = JWTKeyCollection()
await keys.add(rsa: try Insecure.RSA.PublicKey(backing: rsaKey.publicKey), digestAlgorithm: .sha256, kid: JWKIdentifier(string: rsKid))
await keys.add(ecdsa: try ES256PublicKey(backing: ecKey.publicKey), kid: "es256-bench")

let figures = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { figures.isEmpty || figures.contains(name) }

if wanted("crypto-rs256-verify") {
    let publicKey = rsaKey.publicKey
    try await measure("crypto-rs256-verify") { publicKey.isValidSignature(rsSignature, for: rsInput, padding: .insecurePKCS1v1_5) }
}
if wanted("crypto-es256-verify") {
    let publicKey = ecKey.publicKey
    try await measure("crypto-es256-verify") { publicKey.isValidSignature(esSignature, for: esInput) }
}
if wanted("jwtkit-rs256-token") {
    try await measure("jwtkit-rs256-token") { try await keys.verify(rsToken, as: EntraAccessClaims.self).roles?.contains("DoAll") == true }
}
if wanted("jwtkit-es256-token") {
    try await measure("jwtkit-es256-token") { try await keys.verify(esToken, as: EntraAccessClaims.self).roles?.contains("DoAll") == true }
}
