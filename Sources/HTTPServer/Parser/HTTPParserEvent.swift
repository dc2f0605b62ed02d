/// What one step of ``HTTPRequestParser/next()`` produced.
enum HTTPParserEvent {
    /// The head of a request is complete but its body is not yet all buffered. Lets the connection
    /// send `100 Continue` (when `expectsContinue`) and switch from the header timeout to the body
    /// timeout. Emitted at most once per request, and only when the body is still incomplete.
    case headComplete(expectsContinue: Bool)
    /// A complete request. `keepAlive` already accounts for HTTP/1.0 vs 1.1, `Connection` tokens
    /// and `CONNECT` (never kept alive: what follows would be tunnel data this server does not speak).
    case request(HTTPRequest, keepAlive: Bool)
}
