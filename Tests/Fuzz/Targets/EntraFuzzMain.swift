// The libFuzzer entry point of the EntraAuth fuzz binary.
//
// The six EntraAuth targets share one binary so that the modules they need (JOSE, OutboundHTTP,
// HTTPServer, EntraAuthCore, EntraAuth, IdentityEmulator) are linked once. run.sh installs the
// binary under each target's name (symlinks); the name it was started under picks the target,
// so `bin/claims-policy crash-file` reproduces a claims-policy crash.
// Not part of the SwiftPM package.

#if canImport(Glibc)
import Glibc
#endif

/// Which target this process runs; set once in `LLVMFuzzerInitialize`, before any input.
nonisolated(unsafe) private var selectedTarget: ((UnsafeRawBufferPointer) -> Void)?

private let targets: [(name: String, run: @Sendable (UnsafeRawBufferPointer) -> Void)] = [
    ("bearer-extractor", fuzzBearerExtractor),
    ("claims-policy", fuzzClaimsPolicy),
    ("key-discovery", fuzzKeyDiscovery),
    ("easyauth-principal", fuzzEasyAuthPrincipal),
    ("access-rules", fuzzAccessRules),
    ("emulator-requests", fuzzEmulatorRequests),
]

/// Picks the target from the basename of `argv[0]`.
@_cdecl("LLVMFuzzerInitialize")
public func initializeEntraFuzz(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>
) -> CInt {
    let path = argv.pointee[0].map { String(cString: $0) } ?? ""
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let target = targets.first(where: { $0.name == name }) else {
        print("start this binary as one of \(targets.map(\.name).joined(separator: ", ")) (symlinks), not as \(name)")
        exit(2)
    }
    selectedTarget = target.run
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntra(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
