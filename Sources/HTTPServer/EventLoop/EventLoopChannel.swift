/// A file descriptor registered with an event loop (a connection or a listener).
///
/// Every method is called on the loop thread that owns the channel.
protocol EventLoopChannel: AnyObject {
    /// The descriptor has bytes (or an end of file, or a pending connection) to read.
    func readable()
    /// The descriptor accepts more bytes after a short write.
    func writable()
    /// The kernel reported an error or hang-up on the descriptor.
    func failed()
    /// The server is shutting down: stop taking new work; with `force`, close now.
    func beginShutdown(force: Bool)
}
