import BerthRPC
import Foundation
import Glibc

/// RFC 5424 syslog over a Unix datagram socket (`/dev/log`), UDP, or TCP with octet counting.
///
/// Datagram transports cannot confirm receipt: a record counts as delivered once the kernel accepted it. TCP
/// keeps one connection (reopened after an error); sends time out after 5 s so a stuck receiver cannot hold
/// the pump forever.
struct SyslogSink: AuditSink {
    let address: SyslogAddress
    let connection = SyslogConnection()
    let hostname = SyslogMessage.hostname
    var name: String { "syslog" }

    func deliver(_ records: [AuditV1.Record]) async throws {
        let messages = try records.map { try SyslogMessage.format($0, hostname: hostname, processID: getpid()) }
        try connection.send(messages, to: address)
    }
}

/// The sink's socket, behind a lock (one pump uses it; the lock makes that safe to state).
final class SyslogConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptor: Int32 = -1

    deinit { if descriptor >= 0 { close(descriptor) } }

    func send(_ messages: [[UInt8]], to address: SyslogAddress) throws {
        try lock.withLock {
            do {
                if descriptor < 0 { descriptor = try Self.open(address) }
                for message in messages {
                    switch address {
                    case .tcp: try Self.sendAll(descriptor, SyslogMessage.octetCounted(message))
                    case .unixDatagram, .udp: try Self.sendAll(descriptor, message)
                    }
                }
            } catch {
                if descriptor >= 0 { close(descriptor) }
                descriptor = -1
                throw error
            }
        }
    }

    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw AuditError.sink("syslog", "send failed: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    static func open(_ address: SyslogAddress) throws -> Int32 {
        switch address {
        case .unixDatagram(let path):
            let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { throw AuditError.sink("syslog", "socket: \(String(cString: strerror(errno)))") }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let pathBytes = Array(path.utf8)
            guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                close(descriptor)
                throw AuditError.sink("syslog", "socket path \(path) is too long")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: pathBytes)
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard connected == 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw AuditError.sink("syslog", "cannot connect to \(path): \(reason): is the syslog daemon running?")
            }
            return descriptor
        case .udp(let host, let port):
            return try connectInet(host: host, port: port, type: Int32(SOCK_DGRAM.rawValue))
        case .tcp(let host, let port):
            return try connectInet(host: host, port: port, type: Int32(SOCK_STREAM.rawValue))
        }
    }

    static func connectInet(host: String, port: UInt16, type: Int32) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = type
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw AuditError.sink("syslog", "cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let descriptor = socket(info.pointee.ai_family, type | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return descriptor }
            lastError = String(cString: strerror(errno))
            close(descriptor)
        }
        throw AuditError.sink("syslog", "cannot connect to \(host):\(port): \(lastError)")
    }
}
