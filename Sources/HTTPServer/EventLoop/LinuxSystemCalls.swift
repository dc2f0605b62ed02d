#if os(Linux)
import Glibc

/// The Linux system calls the event loop needs that Swift's `Glibc` module does not import
/// (`sys/epoll.h`, `sys/eventfd.h` and `accept4` are outside its module map).
///
/// They are resolved once from the already-loaded C library with `dlsym` and called through
/// `@convention(c)` function pointers, so the C calling convention is used exactly as a C caller
/// would; no C target or extra library is involved. Constants are the Linux x86_64/arm64 ABI values.
enum LinuxSystemCalls {
    typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
    typealias Accept4 = @convention(c) (
        Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32
    ) -> Int32

    /// The resolved entry points, or `nil` when the C library lacks one (never on glibc ≥ 2.10).
    struct Table: Sendable {
        let epollCreate1: EpollCreate1
        let epollCtl: EpollCtl
        let epollWait: EpollWait
        let eventFD: EventFD
        let accept4: Accept4
    }

    /// Resolved on first use; `nil` only on a C library without these symbols.
    static let table: Table? = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        func symbol<F>(_ name: String, as type: F.Type) -> F? {
            guard let pointer = dlsym(handle, name) else { return nil }
            return unsafeBitCast(pointer, to: type)
        }
        guard let create = symbol("epoll_create1", as: EpollCreate1.self),
            let ctl = symbol("epoll_ctl", as: EpollCtl.self),
            let wait = symbol("epoll_wait", as: EpollWait.self),
            let eventFD = symbol("eventfd", as: EventFD.self),
            let accept4 = symbol("accept4", as: Accept4.self)
        else { return nil }
        return Table(epollCreate1: create, epollCtl: ctl, epollWait: wait, eventFD: eventFD, accept4: accept4)
    }()

    static let epollIn: UInt32 = 0x001
    static let epollOut: UInt32 = 0x004
    static let epollErr: UInt32 = 0x008
    static let epollHup: UInt32 = 0x010
    static let epollRdHup: UInt32 = 0x2000
    static let epollCtlAdd: Int32 = 1
    static let epollCtlDel: Int32 = 2
    static let epollCtlMod: Int32 = 3
    static let closeOnExec: Int32 = 0o2_000_000   // EPOLL_CLOEXEC == EFD_CLOEXEC == SOCK_CLOEXEC
    static let nonBlocking: Int32 = 0o4_000       // EFD_NONBLOCK == SOCK_NONBLOCK

    /// `struct epoll_event` is packed on x86_64 (12 bytes) and naturally aligned elsewhere (16).
    #if arch(x86_64)
    static let epollEventSize = 12
    #else
    static let epollEventSize = 16
    #endif
    static let epollEventDataOffset = epollEventSize - 8
}
#endif
