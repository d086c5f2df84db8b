/// How a child's process ended (or failed to begin), as `berthd status` prints it: `exit status 1`,
/// `signal 9 (KILL)`, `spawn failed: …`.
public enum ChildExit: Sendable, Hashable, Codable, CustomStringConvertible {
    case exited(status: Int32)
    case signaled(signal: Int32, coreDumped: Bool)
    case spawnFailed(message: String)
    /// The process could not be reaped (someone else waited for it); its status is unknown.
    case unknown(reason: String)

    /// Decodes a `waitpid` status word. The `WIFEXITED` family are C macros Swift does not import, so the
    /// Linux (and BSD) layout is spelled out: low 7 bits = terminating signal (0 = normal exit), bit 7 = core
    /// dump, bits 8–15 = exit status.
    init(waitStatus: Int32) {
        let signal = waitStatus & 0x7f
        if signal == 0 {
            self = .exited(status: (waitStatus >> 8) & 0xff)
        } else {
            self = .signaled(signal: signal, coreDumped: waitStatus & 0x80 != 0)
        }
    }

    /// True for `exit status 0`.
    public var isCleanExit: Bool { self == .exited(status: 0) }

    public var description: String {
        switch self {
        case .exited(let status):
            "exit status \(status)"
        case .signaled(let signal, let coreDumped):
            "signal \(signal) (\(SignalName.of(signal)))" + (coreDumped ? ", core dumped" : "")
        case .spawnFailed(let message):
            "spawn failed: \(message)"
        case .unknown(let reason):
            "exit status unknown: \(reason)"
        }
    }
}
