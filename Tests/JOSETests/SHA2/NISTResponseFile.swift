import Foundation

/// A parsed NIST CAVP SHAVS response file (`.rsp`): `#` comments, a `[L = n]` section header,
/// then blank-line separated records of `Name = value` lines.
struct NISTResponseFile {
    /// One record: its fields in file order (`Len`, `Msg`, `MD`, or `Seed`, or `COUNT`, `MD`).
    struct Record {
        var fields: [String: String]
        subscript(name: String) -> String? { fields[name] }
    }

    var records: [Record]

    init(text: String) {
        var records: [Record] = []
        var current: [String: String] = [:]
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty {
                if !current.isEmpty { records.append(Record(fields: current)) }
                current = [:]
            } else if line.hasPrefix("#") || line.hasPrefix("[") {
                continue
            } else if let equals = line.firstIndex(of: "=") {
                let name = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                current[name] = value
            }
        }
        if !current.isEmpty { records.append(Record(fields: current)) }
        self.records = records
    }
}
