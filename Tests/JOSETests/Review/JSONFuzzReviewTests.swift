import Testing
@testable import JOSE

/// Security review: bounded, fixed-seed fuzzing of the strict JSON reader. Mutated documents
/// must never trap; a refusal must point inside the input; an accepted document must survive a
/// write/read round trip unchanged (so what we log or re-serve is what we verified).
@Suite("Review: JSON reader fuzz")
struct JSONFuzzReviewTests {
    @Test func mutatedDocumentsNeverTrapAndRoundTrip() {
        var corpus = JSONReviewCorpus(seed: 0xF0_22_8259)
        let total = 5000
        var accepted = 0
        var refusals: [JSONError.Reason: Int] = [:]
        for round in 0..<total {
            let document = corpus.document()
            let input = round % 5 == 0 ? document : corpus.mutate(document)
            do throws(JSONError) {
                let value = try JSONReader.parse(input)
                accepted += 1
                let written = JSONWriter.serializedBytes(value)
                let reread = try? JSONReader.parse(written)
                #expect(reread == value, "round \(round): \(String(decoding: input, as: UTF8.self).debugDescription)")
                #expect(!written.contains(0x0A) && !written.contains(0x0D), "round \(round): output spans lines")
            } catch {
                refusals[error.reason, default: 0] += 1
                #expect(error.offset >= 0 && error.offset <= input.count, "round \(round): offset \(error.offset) outside the input")
            }
        }
        let summary = refusals.sorted { $0.value > $1.value }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("JSON fuzz: \(total) documents, \(accepted) accepted; refusals: \(summary)")
        #expect(accepted >= total / 5)
        #expect(refusals.count >= 6, "the mutations must reach most refusal reasons")
    }
}
