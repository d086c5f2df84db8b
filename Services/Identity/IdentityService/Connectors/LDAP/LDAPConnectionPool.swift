import CLDAP
import Dispatch
import Synchronization

/// At most `size` open connections to one directory, reused between logins.
///
/// Blocking (call from `BlockingWork`). A caller waits up to the timeout for a free slot. A connection that fails
/// with "server down"/timeout is dropped with every idle one (they are stale after a directory restart); if it
/// was a reused connection the operation runs once more on a fresh one, so the first login after the directory
/// comes back succeeds. A fresh connection that fails means the directory is down: the caller gets the failure.
final class LDAPConnectionPool: Sendable {
    private let url: String
    private let startTLS: Bool
    private let caFile: String?
    private let timeoutSeconds: Int
    private let idle = Mutex<[LDAPConnection]>([])
    private let slots: DispatchSemaphore

    init(url: String, startTLS: Bool, caFile: String?, timeoutSeconds: Int, size: Int) {
        self.url = url
        self.startTLS = startTLS
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
        slots = DispatchSemaphore(value: max(1, size))
    }

    /// Connections open and idle right now (for tests and diagnostics).
    var idleCount: Int { idle.withLock { $0.count } }

    func withConnection<T>(
        _ body: (LDAPConnection) throws(LDAPConnection.Failure) -> T
    ) throws(LDAPConnection.Failure) -> T {
        guard slots.wait(timeout: .now() + .seconds(timeoutSeconds)) == .success else {
            throw LDAPConnection.Failure(code: LDAP_TIMEOUT, operation: "wait for a free connection to \(url)")
        }
        defer { slots.signal() }
        var retried = false
        while true {
            let reused = idle.withLock { $0.popLast() }
            let connection: LDAPConnection
            if let reused {
                connection = reused
            } else {
                connection = try LDAPConnection(
                    url: url, startTLS: startTLS, caFile: caFile, timeoutSeconds: timeoutSeconds)
            }
            do throws(LDAPConnection.Failure) {
                let value = try body(connection)
                idle.withLock { $0.append(connection) }
                return value
            } catch {
                guard error.meansUnavailable else {
                    // An answer from a live directory (bad filter, no such base): the connection is fine.
                    idle.withLock { $0.append(connection) }
                    throw error
                }
                idle.withLock { $0.removeAll() }
                if reused != nil && !retried {
                    retried = true
                    continue
                }
                throw error
            }
        }
    }
}
