import Foundation
import Glibc

/// Real listeners for the sink tests: a Unix datagram socket, a UDP socket, a TCP listener. Reads wait with
/// `poll` and a timeout, so a missing message fails the test instead of hanging it.
final class TestSocket {
    let descriptor: Int32
    /// `unix://…`, `udp://127.0.0.1:port` or `tcp://127.0.0.1:port`.
    let address: String

    private init(descriptor: Int32, address: String) {
        self.descriptor = descriptor
        self.address = address
    }

    deinit { close(descriptor) }

    static func unixDatagram(path: String) throws -> TestSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
        return TestSocket(descriptor: fd, address: "unix://\(path)")
    }

    static func loopback(_ type: __socket_type) throws -> TestSocket {
        let fd = socket(AF_INET, Int32(type.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw POSIXError(.EADDRINUSE) }
        if type == SOCK_STREAM { listen(fd, 8) }
        let port = UInt16(bigEndian: address.sin_port)
        return TestSocket(descriptor: fd, address: "\(type == SOCK_STREAM ? "tcp" : "udp")://127.0.0.1:\(port)")
    }

    var port: Int { Int(address.split(separator: ":").last.flatMap { Int($0) } ?? 0) }

    /// Waits up to `timeout` seconds for the descriptor to be readable.
    static func readable(_ fd: Int32, timeout: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(timeout * 1000)) > 0
    }

    /// One datagram, or nil after `timeout`.
    func receiveDatagram(timeout: Double = 5) -> String? {
        guard Self.readable(descriptor, timeout: timeout) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
    }

    /// Accepts one connection (TCP listener), or nil after `timeout`.
    func accept(timeout: Double = 5) -> Int32? {
        guard Self.readable(descriptor, timeout: timeout) else { return nil }
        let fd = Glibc.accept(descriptor, nil, nil)
        return fd >= 0 ? fd : nil
    }

    /// Reads from `fd` until `done` says the bytes so far are complete, or `timeout` passes.
    static func read(_ fd: Int32, timeout: Double = 5, until done: ([UInt8]) -> Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while !done(bytes), Date() < deadline {
            guard readable(fd, timeout: max(deadline.timeIntervalSinceNow, 0)) else { break }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes += buffer.prefix(count)
        }
        return bytes
    }
}
