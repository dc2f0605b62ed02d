// Response side of HTTPParseError: kept out of Parser/ so the parser (and its fuzz build,
// Tests/Fuzz/run.sh, which compiles Parser/ and Message/ alone) needs no response types.
extension HTTPParseError {
    /// The `application/problem+json` answer to this refusal (type `urn:entraauth:http:<reason>`),
    /// as the connection sends it and the test client returns it.
    var problemResponse: HTTPResponse {
        .problem(status, detail: detail, type: "urn:entraauth:http:\(reason.rawValue)")
    }
}
