import JOSE

/// Indented JSON for people (two spaces, members in their original order), built on
/// ``JSONWriter`` for scalars so strings and numbers are written exactly as it writes them.
///
/// ```swift
/// print(PrettyJSON.format(try JSONReader.parse(#"{"a":[1,2]}"#)))
/// ```
enum PrettyJSON {
    static func format(_ value: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            let lines = elements.map { pad + format($0, indent: indent + 1) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + closing + "]"
        case .object(let object) where !object.isEmpty:
            let lines = object.members.map { pad + JSONWriter.serialize(.string($0.name)) + ": " + format($0.value, indent: indent + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + closing + "}"
        default:
            return JSONWriter.serialize(value)
        }
    }
}
