import Foundation
import Testing
@testable import JOSE

/// Security review of `entra-auth verify`'s input handling: tokens arrive from wherever the
/// operator pipes them (logs, captures), so a line may be huge, carry CR or trailing blanks,
/// or not be UTF-8 at all. None of that may crash the tool, exhaust memory or turn a bad line
/// into a good one.
@Suite("Review: entra-auth verify input handling")
struct JWSCLIReviewTests {
    private var executableURL: URL {
        get throws {
            var folder = Bundle.module.bundleURL.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("entra-auth")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile)
        }
    }

    private func writeKeySet() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("entra-auth-review-\(UUID().uuidString).json")
        let document = #"{"keys":[{"kty":"oct","kid":"hmac-1","use":"sig","k":"\#(Base64URL.encode(JWSTestSupport.hmacSecret))"}]}"#
        try Data(document.utf8).write(to: url)
        return url
    }

    private func token(_ payload: String) -> String {
        JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"hmac-1"}"#, payload: payload, secret: JWSTestSupport.hmacSecret)
    }

    /// Starts `entra-auth verify` on the HMAC key set; the caller feeds stdin, then calls `finish`.
    private final class RunningVerify {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        /// Written once by the reader thread before `reader.leave()`, read only after
        /// `reader.wait()`: the group orders the two accesses, so sharing it is safe.
        private final class Collected: @unchecked Sendable { var data = Data() }
        private let collected = Collected()
        private let reader = DispatchGroup()

        init(executable: URL, jwks: URL) throws {
            process.executableURL = executable
            process.arguments = ["verify", "--jwks", jwks.path, "--algorithms", "HS256"]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Drain stdout concurrently so a chatty child never blocks on a full pipe.
            reader.enter()
            let handle = output.fileHandleForReading
            let collected = self.collected
            let reader = self.reader
            Thread {
                collected.data = handle.readDataToEndOfFile()
                reader.leave()
            }.start()
        }

        func write(_ bytes: [UInt8]) { input.fileHandleForWriting.write(Data(bytes)) }

        /// The child's peak resident set size in KiB (Linux /proc), or nil where unavailable.
        var peakResidentKiB: Int? {
            guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }

        func finish() throws -> (status: Int32, lines: [String]) {
            try input.fileHandleForWriting.close()
            reader.wait()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: collected.data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }

    /// Finding (low): the tool read each line whole with `readLine`, so one endless line (a
    /// runaway log, `cat /dev/urandom`) grew memory without bound before the 64 KiB token
    /// limit was ever checked. Lines are now read with a bound: an overlong line is skipped to
    /// its newline and reported `invalid tooLarge`, and the next line is read as usual.
    @Test("a 128 MiB line is refused as tooLarge without being held in memory, and the next line still verifies")
    func hugeLineDoesNotExhaustMemory() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let run = try RunningVerify(executable: try executableURL, jwks: jwks)
        let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 1 << 20)
        for _ in 0..<128 { run.write(chunk) }
        // The child has consumed all but at most one pipe buffer of the line by now.
        let peak = run.peakResidentKiB
        run.write(Array(("\n" + token(#"{"sub":"after"}"#) + "\n").utf8))
        let result = try run.finish()
        #expect(result.status == 1)
        #expect(result.lines.count == 3)
        #expect(result.lines.first?.hasPrefix("invalid tooLarge: ") == true, "\(result.lines.first?.prefix(200) ?? "")")
        #expect(result.lines.dropFirst().first == #"valid {"sub":"after"}"#)
        if let peak {
            #expect(peak < 64 * 1024, "peak resident set \(peak) KiB while reading a 128 MiB line")
        }
    }

    @Test("CRLF, trailing blanks, invalid UTF-8, NUL and lone CR are handled line by line without repair")
    func awkwardLines() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let good = Array(token(#"{"sub":"ok"}"#).utf8)
        let lines: [([UInt8], String)] = [
            (good + [0x0D], "valid "),                       // CRLF line ending: the CR is not part of the token
            (good + [0x20], "invalid invalidBase64URL"),     // trailing blank: tokens are taken exactly
            (good + [0x09], "invalid invalidBase64URL"),
            ([0x20] + good, "invalid invalidBase64URL"),
            (good + [0x0D, 0x0D], "invalid invalidBase64URL"), // only one CR is a line ending
            (good.dropLast() + [0xC3], "invalid invalidBase64URL"), // invalid UTF-8 is refused, never repaired
            (good.dropLast() + [0x00], "invalid invalidBase64URL"),
            ([0xEF, 0xBB, 0xBF] + good, "invalid invalidBase64URL"), // a BOM is not skipped
            ([], "invalid malformed"),
            ([0x0D], "invalid malformed"),
        ]
        let run = try RunningVerify(executable: try executableURL, jwks: jwks)
        for (line, _) in lines { run.write(line + [0x0A]) }
        run.write(good)   // the last line has no newline and still counts
        let result = try run.finish()
        #expect(result.status == 1)
        #expect(result.lines.count == lines.count + 2)
        for (index, (_, expected)) in lines.enumerated() where index < result.lines.count {
            #expect(result.lines[index].hasPrefix(expected), "line \(index): \(result.lines[index])")
        }
        #expect(result.lines.dropLast().last == #"valid {"sub":"ok"}"#)
    }

    @Test("the line limit is the token limit: 64 KiB (plus a CR) is read, one byte more is tooLarge")
    func lineLimitBoundary() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let limit = 64 * 1024
        let atLimit = [UInt8](repeating: UInt8(ascii: "A"), count: limit)
        let run = try RunningVerify(executable: try executableURL, jwks: jwks)
        run.write(atLimit + [0x0A])
        run.write(atLimit + [0x0D, 0x0A])
        run.write(atLimit + [UInt8(ascii: "A"), 0x0A])
        run.write(atLimit + [UInt8(ascii: "A"), 0x0D, 0x0A])
        run.write(Array(token(#"{"sub":"ok"}"#).utf8))
        let result = try run.finish()
        #expect(result.lines.count == 6)
        #expect(result.lines[0].hasPrefix("invalid malformed: "))
        #expect(result.lines[1].hasPrefix("invalid malformed: "))
        #expect(result.lines[2] == "invalid tooLarge: the token is \(limit + 1) bytes; the limit is \(limit)")
        #expect(result.lines[3].hasPrefix("invalid tooLarge: "))
        #expect(result.lines[4] == #"valid {"sub":"ok"}"#)
    }

    @Test("a key set file with no usable key or broken JSON never crashes the tool")
    func badKeySetFiles() throws {
        let documents = [
            #"{"keys":[]}"#, #"{"keys":[1,"x",null,{}]}"#, #"{"keys":{}}"#, "[]", "", "{", String(repeating: "[", count: 100_000),
            #"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}"#, #"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#,
            #"{"keys":[{"kty":"oct","k":""}]}"#, "\u{FEFF}{\"keys\":[]}",
        ]
        let good = token(#"{"sub":"ok"}"#)
        for document in documents {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("entra-auth-review-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: url) }
            try Data(document.utf8).write(to: url)
            let run = try RunningVerify(executable: try executableURL, jwks: url)
            run.write(Array((good + "\n").utf8))
            let result = try run.finish()
            // Usage/configuration error (2) or every token invalid (1); never a crash (signal) or success.
            #expect(run.process.terminationReason == .exit, "\(document.prefix(40))")
            #expect(result.status == 1 || result.status == 2, "\(document.prefix(40))")
        }
    }
}
