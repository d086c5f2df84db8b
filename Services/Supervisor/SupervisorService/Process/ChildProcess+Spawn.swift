import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// Serialises spawns. Swift cannot call `pipe2(O_CLOEXEC)` on Glibc (not imported), so a pipe is made
    /// close-on-exec in two steps; without this lock a child spawned by another supervisor task between
    /// those steps would inherit the pipe and keep it open, and its owner would never see end of file.
    private static let spawnLock = Mutex(())

    /// Starts `spec` with `posix_spawn` in a new process group (pgid = pid), stdin from /dev/null, stdout and
    /// stderr into pipes relayed to `logger`, default signal dispositions and an empty signal mask (berthd
    /// ignores SIGTERM/SIGINT for ServiceGroup's handler, and ignored signals would otherwise be inherited).
    static func spawn(_ spec: ChildSpec, logger: Logger) throws(SupervisorError) -> ChildProcess {
        let pid: pid_t
        let stdoutRead: Int32
        let stderrRead: Int32
        (pid, stdoutRead, stderrRead) = try spawnLock.withLock { _ throws(SupervisorError) in
            try spawnLocked(spec)
        }
        let exit = Latch<ChildExit>()
        ProcessReaper.reap(pid: pid, into: exit)
        OutputRelay.relay(fd: stdoutRead, stream: "stdout", logger: logger)
        OutputRelay.relay(fd: stderrRead, stream: "stderr", logger: logger)
        return ChildProcess(pid: pid, exit: exit)
    }

    private static func spawnLocked(_ spec: ChildSpec) throws(SupervisorError) -> (pid_t, Int32, Int32) {
        func failure(_ step: String, _ code: Int32) -> SupervisorError {
            .spawnFailed(child: spec.name, executable: spec.executable, step: step, errno: code)
        }
        let stdoutPipe: (read: Int32, write: Int32)
        switch makePipe() {
        case .success(let pipe): stdoutPipe = pipe
        case .failure(let error): throw failure("pipe", error.code)
        }
        let stderrPipe: (read: Int32, write: Int32)
        switch makePipe() {
        case .success(let pipe): stderrPipe = pipe
        case .failure(let error):
            close(stdoutPipe.read)
            close(stdoutPipe.write)
            throw failure("pipe", error.code)
        }
        // The parent keeps only the read ends; the child's copies of the write ends are its stdout/stderr.
        defer {
            close(stdoutPipe.write)
            close(stderrPipe.write)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // dup2 clears close-on-exec on the target descriptor; the originals close at exec.
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.write, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)

        let argv = ([spec.executable] + spec.arguments).map { strdup($0) } + [nil]
        let envp = environment(for: spec).map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, spec.executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(stdoutPipe.read)
            close(stderrPipe.read)
            throw failure("posix_spawn", result)
        }
        return (pid, stdoutPipe.read, stderrPipe.read)
    }

    private struct PipeError: Error { let code: Int32 }

    private static func makePipe() -> Result<(read: Int32, write: Int32), PipeError> {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .failure(PipeError(code: errno)) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return .success((fds[0], fds[1]))
    }

    /// `KEY=value` strings: the supervisor's environment (if inherited) overlaid with the spec's.
    private static func environment(for spec: ChildSpec) -> [String] {
        var variables = spec.inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        variables.merge(spec.environment) { _, new in new }
        return variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}
