/// Where the syslog sink sends: `unix:///dev/log` (datagram), `udp://host:514`, `tcp://host:601`.
enum SyslogAddress: Sendable, Equatable {
    case unixDatagram(path: String)
    case udp(host: String, port: UInt16)
    case tcp(host: String, port: UInt16)

    init(_ text: String) throws(AuditError) {
        let invalid = AuditError.sink(
            "syslog",
            "address \"\(text)\" is not unix:///PATH, udp://HOST:PORT or tcp://HOST:PORT: fix audit.sinks.syslog.address")
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { throw invalid }
            self = .unixDatagram(path: path)
            return
        }
        let scheme = text.prefix { $0 != ":" }
        guard scheme == "udp" || scheme == "tcp", text.dropFirst(scheme.count).hasPrefix("://") else { throw invalid }
        let rest = text.dropFirst(scheme.count + 3)
        guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) else {
            throw invalid
        }
        var host = String(rest[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw invalid }
        self = scheme == "udp" ? .udp(host: host, port: port) : .tcp(host: host, port: port)
    }
}
