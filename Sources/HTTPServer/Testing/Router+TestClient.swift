extension Router {
    /// A client that runs requests through this router and its middleware in-process (see
    /// `RouterTestClient`). Throws the router's first configuration error, as `Server.run()` would.
    ///
    /// ```swift
    /// let client = try router.testClient(remoteAddress: nil)
    /// let response = try await client.execute(.get, "/healthz")
    /// #expect(response.bodyText == "ok")
    /// ```
    ///
    /// - Parameters:
    ///   - logger: The logger contexts are created with (`context.logger`). Default: disabled.
    ///   - remoteAddress: What `context.remoteAddress` reports. Default: none.
    ///   - limits: The parser limits requests are read with. Default: the server's defaults.
    public func testClient(
        logger: Logger = .disabled, remoteAddress: SocketAddress? = nil, limits: HTTPParserLimits = HTTPParserLimits()
    ) throws(RouteConfigurationError) -> RouterTestClient<Context> {
        try validate()
        return RouterTestClient(router: self, logger: logger, remoteAddress: remoteAddress, limits: limits)
    }
}
