/// Who is on the other end of a Unix socket connection, as the kernel says (SO_PEERCRED).
///
/// Read once when the server accepts the connection. The client cannot choose these values: they are the
/// credentials of the process that called `connect(2)`.
public struct PeerCredentials: Sendable, Hashable, CustomStringConvertible {
    public let uid: UInt32
    public let gid: UInt32
    public let pid: Int32

    public init(uid: UInt32, gid: UInt32, pid: Int32) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
    }

    public var description: String { "uid=\(uid) gid=\(gid) pid=\(pid)" }
}
