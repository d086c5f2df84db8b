import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reaps one child with a blocking `waitpid(pid)` on a thread of its own, never on the cooperative pool.
///
/// A thread per child (five services) is simpler than a SIGCHLD handler and cannot steal the exit status of
/// a process someone else in berthd spawned, which `waitpid(-1)` would.
enum ProcessReaper {
    static func reap(pid: pid_t, into exit: Latch<ChildExit>) {
        Thread.detachNewThread {
            var status: Int32 = 0
            while true {
                let result = waitpid(pid, &status, 0)
                if result == pid {
                    exit.fulfill(ChildExit(waitStatus: status))
                    return
                }
                let code = errno
                if result == -1 && code == EINTR { continue }
                exit.fulfill(.unknown(reason: "waitpid failed with \(Errno.describe(code))"))
                return
            }
        }
    }
}
