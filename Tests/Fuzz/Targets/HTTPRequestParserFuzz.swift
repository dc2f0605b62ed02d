// libFuzzer target: the strict HTTP/1.1 request parser (Sources/HTTPServer/Parser).
//
// Compiled by Tests/Fuzz/run.sh against the HTTPServer module (built with -enable-testing), so
// the internal parser is reachable through `@testable import`.
// Not part of the SwiftPM package.
//
// Property checked: bad input gives a clear error and never a crash or a hang, and the verdict
// does not depend on how the bytes arrive. The input is fed (1) whole, (2) split in two at a
// point derived from the input, and (3) one byte at a time (short inputs only); the three runs
// must deliver the same requests and end in the same refusal (or the same "need more bytes").
// After a refusal the parser must keep refusing with the same error.

@testable import HTTPServer

/// Limits small enough that the fuzzer reaches every limit check within `-max_len`.
private let smallLimits = HTTPParserLimits(
    maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 64)

/// Inputs up to this length are also fed one byte at a time.
private let byteAtATimeMaximum = 1024

/// Everything observable the parser produced for one way of feeding the input.
private struct Verdict: Equatable {
    /// One line per delivered request (every field of it), in order.
    var requests: [String] = []
    /// The refusal the parser ended in, if any: reason and status. The `detail` sentence is not
    /// compared: it may legitimately say more when the whole line is already buffered.
    var refusal: String?
    /// Whether the parser reports an unfinished request once all bytes were fed.
    var isMidRequest = false
}

/// Every field of a delivered request, so two runs can be compared exactly.
private func fingerprint(_ request: HTTPRequest, keepAlive: Bool) -> String {
    var text = "\(request.method.rawValue) \(request.rawTarget) path=\(request.path.debugDescription)"
    text += " query=\(request.query.items.map { "\($0.name.debugDescription)=\($0.value.debugDescription)" })"
    text += " version=\(request.version) authority=\(request.authority.debugDescription) keepAlive=\(keepAlive)"
    text += " headers=\(request.headers.map { "\($0.name.debugDescription):\($0.value.debugDescription)" })"
    text += " body=\(request.body) trailers=\(request.trailers.map { "\($0.name):\($0.value)" })"
    return text
}

/// Drains every event the parser can produce now into `verdict`; false once it refused.
private func drain(_ parser: inout HTTPRequestParser, into verdict: inout Verdict) -> Bool {
    var events = 0
    while true {
        do {
            guard let event = try parser.next() else { return true }
            events += 1
            // Each call consumes bytes or changes phase; an endless event stream is a hang.
            if events > 100_000 { fatalError("parser produced more than 100000 events from one buffer") }
            switch event {
            case .headComplete:
                // Depends legitimately on how the bytes arrived (only sent while a body is incomplete).
                break
            case .request(let request, let keepAlive):
                verdict.requests.append(fingerprint(request, keepAlive: keepAlive))
            }
        } catch {
            verdict.refusal = "\(error.status.code) \(error.reason.rawValue)"
            // A refused parser must stay refused, with the same error.
            do {
                _ = try parser.next()
                fatalError("parser returned normally after refusing with \(error)")
            } catch let again {
                if again != error { fatalError("parser refused again with \(again), first with \(error)") }
            }
            return false
        }
    }
}

/// Feeds `chunks` one after another, draining after each.
private func run(_ chunks: [UnsafeRawBufferPointer], limits: HTTPParserLimits) -> Verdict {
    var parser = HTTPRequestParser(limits: limits)
    var verdict = Verdict()
    for chunk in chunks {
        parser.append(chunk)
        if !drain(&parser, into: &verdict) { break }
    }
    verdict.isMidRequest = parser.isMidRequest
    if verdict.refusal != nil && verdict.isMidRequest { fatalError("a refused parser claims to be mid-request") }
    return verdict
}

/// FNV-1a over the input: a split point and a limit choice the fuzzer can steer through the bytes.
private func inputHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
}

private func check(_ bytes: UnsafeRawBufferPointer) {
    let hash = inputHash(bytes)
    let limits = hash & 1 == 0 ? HTTPParserLimits() : smallLimits
    let splitPoint = Int((hash >> 1) % UInt64(bytes.count + 1))

    let whole = run([bytes], limits: limits)
    let split = run([UnsafeRawBufferPointer(rebasing: bytes[0..<splitPoint]),
                     UnsafeRawBufferPointer(rebasing: bytes[splitPoint..<bytes.count])], limits: limits)
    if whole != split {
        fatalError("verdict differs when split at \(splitPoint):\n whole: \(whole)\n split: \(split)")
    }
    if bytes.count <= byteAtATimeMaximum {
        let single = run((0..<bytes.count).map { UnsafeRawBufferPointer(rebasing: bytes[$0..<($0 + 1)]) }, limits: limits)
        if whole != single {
            fatalError("verdict differs when fed byte by byte:\n whole: \(whole)\n bytes: \(single)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
