// libFuzzer target: the strict JSON reader (Sources/JOSE/JSON).
//
// Compiled by Tests/Fuzz/run.sh with the other JOSE targets, JOSEFuzzMain.swift and
// the JOSE module (built with -enable-testing, reached through `@testable import`).
// Not part of the SwiftPM package.
//
// Properties checked on any input: no crash, no hang; the byte-buffer and the generic
// collection entry points give the same verdict; and whatever is accepted survives a round trip
// (serialize → parse gives an equal value, and serializing again gives the same bytes).

@testable import JOSE

/// A depth limit below the default, so the fuzzer reaches the depth check within `-max_len`.
private let limits = JSONReader.Limits(maximumByteCount: 1 << 20, maximumDepth: 16)

private func check(_ bytes: UnsafeRawBufferPointer) {
    let fromBuffer = Result { () throws(JSONError) in try JSONReader.parse(bytes, limits: limits) }
    let fromArray = Result { () throws(JSONError) in try JSONReader.parse(Array(bytes), limits: limits) }
    switch (fromBuffer, fromArray) {
    case (.success(let value), .success(let other)):
        if value != other { fatalError("buffer and array parses differ: \(value) vs \(other)") }
        let serialized = JSONWriter.serializedBytes(value)
        let reparsed: JSONValue
        do {
            reparsed = try JSONReader.parse(serialized, limits: limits)
        } catch {
            fatalError("the reader refuses what the writer produced (\(error)): \(String(decoding: serialized, as: UTF8.self))")
        }
        if reparsed != value { fatalError("round trip changed the value: \(value) → \(reparsed)") }
        if JSONWriter.serializedBytes(reparsed) != serialized { fatalError("serialization is not stable for \(value)") }
    case (.failure(let error), .failure(let other)):
        if error.reason != other.reason { fatalError("buffer and array refusals differ: \(error) vs \(other)") }
    default:
        fatalError("buffer and array verdicts differ: \(fromBuffer) vs \(fromArray)")
    }
}

/// Entry point, called by JOSEFuzzMain.swift for the `json-reader` target.
func fuzzJSONReader(_ bytes: UnsafeRawBufferPointer) {
    check(bytes)
}
