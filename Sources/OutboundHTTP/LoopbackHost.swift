/// Whether `host` (as in a URL, IPv6 without or with brackets) names this machine's loopback
/// interface: `localhost`, `127.0.0.0/8` or `::1`. Plain `http` is allowed only to these.
///
/// ```swift
/// isLoopbackHost("127.0.0.1")   // true
/// isLoopbackHost("10.0.0.1")    // false
/// ```
public func isLoopbackHost(_ host: String) -> Bool {
    var host = Substring(host)
    if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
    let bytes = Array(host.utf8)
    if bytes.elementsEqual("localhost".utf8) || bytes.elementsEqual("::1".utf8) { return true }
    let octets = host.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4, octets[0].utf8.elementsEqual("127".utf8) else { return false }
    return octets.allSatisfy { octet in
        !octet.isEmpty && octet.utf8.count <= 3 && octet.utf8.allSatisfy { (0x30...0x39).contains($0) }
            && (Int(octet) ?? 256) <= 255
    }
}
