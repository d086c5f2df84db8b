import NIOCore

/// How peer credentials travel from the accepted socket to the RPC handler.
///
/// grpc-swift builds `ServerContext.remotePeer` from the connection channel's `remoteAddress` and gives handlers
/// nothing else about the connection. `PeerCredentialChannel` answers `remoteAddress` with a pseudo Unix
/// address that carries the SO_PEERCRED values, so `remotePeer` reads `unix:berth-peer:uid=…;gid=…;pid=…`.
/// The wrapper always replaces the real address, so whatever path a client binds its socket to never reaches
/// a handler; an address that does not parse is refused.
extension PeerCredentials {
    static let addressPrefix = "berth-peer:"

    /// The pseudo Unix socket address that carries these credentials.
    func pseudoAddress() throws -> SocketAddress {
        try SocketAddress(unixDomainSocketPath: "\(Self.addressPrefix)uid=\(uid);gid=\(gid);pid=\(pid)")
    }

    /// Parses grpc-swift's `remotePeer` string (`unix:<pseudo path>`); nil when it is anything else.
    init?(remotePeer: String) {
        let marker = "unix:" + Self.addressPrefix
        guard remotePeer.hasPrefix(marker) else { return nil }
        var fields: [Substring: Substring] = [:]
        for pair in remotePeer.dropFirst(marker.count).split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            fields[parts[0]] = parts[1]
        }
        guard fields.count == 3,
            let uid = fields["uid"].flatMap({ UInt32($0) }),
            let gid = fields["gid"].flatMap({ UInt32($0) }),
            let pid = fields["pid"].flatMap({ Int32($0) })
        else { return nil }
        self.init(uid: uid, gid: gid, pid: pid)
    }
}
