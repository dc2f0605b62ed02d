// The libFuzzer entry point of the JOSE fuzz binary.
//
// The three JOSE targets (json-reader, jws-verifier, key-parsing) share one binary so that
// Sources/JOSE is compiled once, not three times. run.sh installs the binary under each target's
// name (symlinks); the name the binary was started under picks the target, so
// `bin/jws-verifier crash-file` reproduces a jws-verifier crash.
// Not part of the SwiftPM package.

#if canImport(Glibc)
import Glibc
#endif

/// Which target this process runs; set once in `LLVMFuzzerInitialize`, before any input.
nonisolated(unsafe) private var selectedTarget: ((UnsafeRawBufferPointer) -> Void)?

/// Picks the target from the basename of `argv[0]`.
@_cdecl("LLVMFuzzerInitialize")
public func initializeJOSEFuzz(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>
) -> CInt {
    let path = argv.pointee[0].map { String(cString: $0) } ?? ""
    let name = path.split(separator: "/").last.map(String.init) ?? path
    switch name {
    case "json-reader": selectedTarget = fuzzJSONReader
    case "jws-verifier": selectedTarget = fuzzJWSVerifier
    case "key-parsing": selectedTarget = fuzzKeyParsing
    default:
        print("start this binary as json-reader, jws-verifier or key-parsing (symlinks), not as \(name)")
        exit(2)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJOSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
