import Foundation

/// Tells systemd about the service's state (`sd_notify(3)`) over the datagram socket named by
/// `$NOTIFY_SOCKET`: `READY=1` once every service serves, `STOPPING=1` on shutdown, `WATCHDOG=1` as a
/// heartbeat, `STATUS=…` for `systemctl status`.
///
/// Without `$NOTIFY_SOCKET` (not run by systemd with `Type=notify`) every call is a no-op, so executables
/// call it unconditionally. A path starting with `@` is in the Linux abstract namespace. Each message opens
/// its own socket, as libsystemd does: no descriptor to leak into children, nothing to reconnect.
public struct SystemdNotifier: Sendable {
    /// The socket address from `$NOTIFY_SOCKET`, or nil when systemd is not listening.
    public let socketPath: String?
    /// How often systemd expects `WATCHDOG=1` (`$WATCHDOG_USEC`), or nil when the watchdog is off or meant for
    /// another process (`$WATCHDOG_PID` set to a different pid). Ping at half this interval.
    public let watchdogInterval: Duration?

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, processID: Int32 = getpid()
    ) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        watchdogInterval = Self.watchdogInterval(environment: environment, processID: processID)
    }

    /// True when messages go somewhere.
    public var isEnabled: Bool { socketPath != nil }

    /// The recommended heartbeat period: half of `watchdogInterval` (sd_watchdog_enabled(3)).
    public var watchdogPingInterval: Duration? { watchdogInterval.map { $0 / 2 } }

    public func ready() throws { try notify("READY=1") }
    public func stopping() throws { try notify("STOPPING=1") }
    public func watchdog() throws { try notify("WATCHDOG=1") }
    /// A one-line human status; newlines are replaced so it cannot inject other assignments.
    public func status(_ text: String) throws {
        try notify("STATUS=" + text.replacingOccurrences(of: "\n", with: " "))
    }

    /// Sends `state` (newline-separated `KEY=value` assignments) as one datagram; no-op when disabled.
    public func notify(_ state: String) throws {
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure(socketPath, "socket", errno) }
        defer { close(descriptor) }

        guard let (target, length) = Self.address(for: socketPath) else {
            throw BerthRuntimeError(
                code: .notifyFailed,
                message: "NOTIFY_SOCKET \"\(socketPath)\" is too long for a Unix socket address: "
                    + "this is a systemd setup problem; unset NOTIFY_SOCKET to run without notifications")
        }
        var address = target
        let bytes = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { buffer in
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        guard sent == bytes.count else { throw failure(socketPath, "send", sent < 0 ? errno : EMSGSIZE) }
    }

    /// `sockaddr_un` for a path, or for `@name` in the abstract namespace (a leading NUL and no terminator,
    /// so the length counts exactly the name's bytes).
    static func address(for path: String) -> (sockaddr_un, socklen_t)? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let isAbstract = path.hasPrefix("@")
        var bytes = Array(path.utf8)
        if isAbstract { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A filesystem path needs room for its NUL terminator; an abstract name does not have one.
        guard bytes.count + (isAbstract ? 0 : 1) <= capacity else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
        let length = pathOffset + bytes.count + (isAbstract ? 0 : 1)
        return (address, socklen_t(length))
    }

    static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else {
            return nil
        }
        if let pidText = environment["WATCHDOG_PID"], !pidText.isEmpty {
            guard let pid = Int32(pidText), pid == processID else { return nil }
        }
        return .microseconds(microseconds)
    }

    private func failure(_ path: String, _ operation: String, _ code: Int32) -> BerthRuntimeError {
        BerthRuntimeError(
            code: .notifyFailed,
            message: "cannot \(operation) to systemd notify socket \(path): "
                + "\(String(cString: strerror(code)).lowercased()): check that the unit has Type=notify and "
                + "NotifyAccess= allows this process")
    }
}
