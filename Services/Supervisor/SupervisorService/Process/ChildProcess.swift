#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running child: its pid (which is also its process group id) and its exit, set by a reaper thread.
///
/// Signals go to the whole process group, so grandchildren a service forks are stopped with it. Spawning
/// lives in `ChildProcess+Spawn.swift`, reaping in `ProcessReaper.swift`, output in `OutputRelay.swift`.
final class ChildProcess: Sendable {
    let pid: pid_t
    /// Set once `waitpid` has reaped the process.
    let exit: Latch<ChildExit>

    init(pid: pid_t, exit: Latch<ChildExit>) {
        self.pid = pid
        self.exit = exit
    }

    var hasExited: Bool { exit.value != nil }

    /// Sends `signal` to the child's process group. ESRCH (the group is gone) is not an error: stopping
    /// something already stopped is fine.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
