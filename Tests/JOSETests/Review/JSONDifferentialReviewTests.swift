import Foundation
import Testing
@testable import JOSE

/// Security review, attacks.md A4 #27/#28: the strict reader against Foundation's
/// `JSONSerialization` on a generated corpus without duplicate member names. Two parsers that
/// read the same bytes differently are how a token means one thing to a proxy and another to
/// us; on inputs both are meant to handle, they must agree on accept/refuse and on every value.
@Suite("Review: JSON reader vs JSONSerialization")
struct JSONDifferentialReviewTests {
    /// Whether `ours` and Foundation's reading of the same text are the same value.
    static func sameValue(_ ours: JSONValue, _ theirs: Any) -> Bool {
        switch ours {
        case .null: return theirs is NSNull
        case .bool(let flag): return (theirs as? Bool) == flag
        case .number(let number):
            guard let other = theirs as? NSNumber else { return false }
            if let integer = number.int64Value { return other.int64Value == integer }
            guard other is NSDecimalNumber else { return other.doubleValue == number.doubleValue }
            // Foundation keeps some numbers as NSDecimalNumber, whose conversion to Double is
            // not correctly rounded (off by one ulp, e.g. -508732.562925526372); the reader uses
            // the correctly rounded strtod reading, so allow exactly that one-ulp gap.
            let theirs = other.doubleValue
            return theirs == number.doubleValue || theirs.nextUp == number.doubleValue || theirs.nextDown == number.doubleValue
        case .string(let string):
            guard let other = theirs as? String else { return false }
            return Array(other.unicodeScalars) == Array(string.unicodeScalars)
        case .array(let elements):
            guard let other = theirs as? [Any], other.count == elements.count else { return false }
            return zip(elements, other).allSatisfy { sameValue($0, $1) }
        case .object(let object):
            guard let other = theirs as? [String: Any], other.count == object.count else { return false }
            return object.allSatisfy { member in other[member.name].map { sameValue(member.value, $0) } ?? false }
        }
    }

    static func foundationReading(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// Whether the byte at `offset` closes an array or object right after a comma (`[1,]`):
    /// `JSONSerialization` accepts that, RFC 8259 and this reader do not.
    static func isTrailingComma(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "]") || bytes[offset] == UInt8(ascii: "}") else { return false }
        let previous = bytes[..<offset].last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return previous == UInt8(ascii: ",")
    }

    @Test func validDocumentsReadTheSameInBoth() throws {
        var corpus = JSONReviewCorpus(seed: 0x15_0_8259)
        let total = 1500
        var agreed = 0
        for index in 0..<total {
            let document = corpus.document()
            let text = String(decoding: document, as: UTF8.self)
            let ours: JSONValue
            do {
                ours = try JSONReader.parse(document)
            } catch {
                Issue.record("document \(index) refused by the reader (\(error)): \(text)")
                continue
            }
            guard let theirs = Self.foundationReading(document) else {
                Issue.record("document \(index) refused by JSONSerialization: \(text)")
                continue
            }
            guard Self.sameValue(ours, theirs) else {
                Issue.record("document \(index) read differently: ours \(ours.compactJSON), theirs \(theirs): \(text)")
                continue
            }
            // And what we write reads back to the same value in both.
            let written = JSONWriter.serializedBytes(ours)
            #expect((try? JSONReader.parse(written)) == ours, "document \(index) does not round-trip")
            #expect(Self.foundationReading(written).map { Self.sameValue(ours, $0) } == true, "document \(index): Foundation misreads our output")
            agreed += 1
        }
        print("JSON differential: \(agreed) of \(total) generated documents read identically by both parsers")
        #expect(agreed == total)
    }

    @Test func mutatedDocumentsAreAcceptedOrRefusedByBoth() {
        var corpus = JSONReviewCorpus(seed: 0xD1FF_0028)
        let total = 4000
        var compared = 0
        var bothAccepted = 0
        var disagreements: [String] = []
        var foundationLeniencies = 0
        for _ in 0..<total {
            let mutated = corpus.mutate(corpus.document())
            let ours = Result { () throws(JSONError) in try JSONReader.parse(mutated) }
            let theirs = Self.foundationReading(mutated)
            if case .failure(let error) = ours, error.reason == .duplicateMember { continue }  // outside the corpus
            compared += 1
            switch (ours, theirs) {
            case (.success(let value), .some(let other)):
                bothAccepted += 1
                if !Self.sameValue(value, other) { disagreements.append("value: \(String(decoding: mutated, as: UTF8.self).debugDescription)") }
            case (.failure, .none): break
            case (.success, .none): disagreements.append("only ours accepts: \(String(decoding: mutated, as: UTF8.self).debugDescription)")
            case (.failure(let error), .some):
                if error.reason == .unexpectedCharacter, Self.isTrailingComma(mutated, at: error.offset) { foundationLeniencies += 1; continue }
                disagreements.append("only Foundation accepts (\(error.reason)): \(String(decoding: mutated, as: UTF8.self).debugDescription)")
            }
        }
        print("JSON differential: \(compared) mutated documents compared, \(bothAccepted) accepted by both, \(foundationLeniencies) trailing commas only Foundation accepts, \(disagreements.count) disagreements")
        for line in disagreements.prefix(40) { print("DISAGREE", line) }
        #expect(disagreements.isEmpty)
    }

    /// Where the two parsers differ on purpose: inputs Foundation reads (keeping one of two
    /// duplicate names, skipping a BOM, tolerating a trailing comma) and this reader refuses,
    /// because a token must mean one thing to every parser that sees it.
    @Test(arguments: [
        (#"{"alg":"HS256","alg":"RS256"}"#, JSONError.Reason.duplicateMember),
        (#"{"alg":"HS256","\u0061lg":"RS256"}"#, .duplicateMember),
        ("\u{FEFF}{\"alg\":\"HS256\"}", .unexpectedCharacter),
        (#"{"alg":"HS256",}"#, .unexpectedCharacter),
        (#"["HS256",]"#, .unexpectedCharacter),
    ])
    func intendedDifferences(text: String, reason: JSONError.Reason) {
        // (`{"\u212A":1,"K":2}` is no longer here: names compare as UTF-8 bytes, RFC 8259 §8.3,
        // so KELVIN SIGN and K are two names; AdversarialHeaderCostTests checks the look-ups.)
        let bytes = Array(text.utf8)
        #expect(throws: JSONError.self) { try JSONReader.parse(bytes) }
        do {
            _ = try JSONReader.parse(bytes)
        } catch {
            #expect(error.reason == reason)
        }
        print("JSON intended difference \(text.debugDescription): reader refuses (\(reason)); JSONSerialization \(Self.foundationReading(bytes) == nil ? "refuses" : "accepts")")
    }
}
