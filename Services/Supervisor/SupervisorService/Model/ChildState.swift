/// Where one child is in its life cycle.
///
/// `pending` → `starting` → `serving`; a crash or readiness timeout → `backoff` (or `crashLoop` when the
/// crash-loop flag is up) → `starting` again; shutdown → `stopping` → `stopped`.
public enum ChildState: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Not started yet: an earlier child in the start order is not serving.
    case pending
    /// Spawned, not (or no longer) answering the readiness probe.
    case starting
    /// Spawned and answering the readiness probe.
    case serving
    /// Exited; waiting for the restart delay.
    case backoff
    /// Exited too often within the crash-loop window; waiting for the (capped) restart delay.
    case crashLoop
    /// SIGTERM sent to its process group; waiting for it to exit (SIGKILL after the grace period).
    case stopping
    /// Shut down; it will not be restarted.
    case stopped

    public var description: String { rawValue }
}
