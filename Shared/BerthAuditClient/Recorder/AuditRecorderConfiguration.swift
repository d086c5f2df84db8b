/// How an `AuditRecorder` behaves. Plain values: `BerthRuntime` fills them from `BerthConfig.audit`
/// (`audit.clientTimeout`, `audit.whenUnreachable`) and `BerthPaths.spoolDirectory(for:)`.
public struct AuditRecorderConfiguration: Sendable, Equatable {
    /// What to do with events berth-audit cannot take in time.
    public enum WhenUnreachable: String, Sendable, Equatable, CaseIterable {
        /// Write them to the local spool (fsync'd) and replay them later; the action goes ahead (the default).
        case spool
        /// Fail the `record` call, so that the caller refuses the action (durable delivery only: in buffered
        /// delivery `record` has already returned, and the events are spooled).
        case refuse
    }

    /// When `record` returns.
    public enum Delivery: Sendable, Equatable {
        /// Once the events are acknowledged by audit or fsync'd in the spool (the default: nothing a caller was
        /// told is recorded can be lost). Concurrent records share one Append.
        case durable
        /// At once; events are sent in batches of `maxBatch` or every `flushInterval`, and on shutdown. Events
        /// recorded less than `flushInterval` before a crash can be lost: for high-volume, low-value streams.
        case buffered
    }

    /// The producing service, for log lines (`tenancy`).
    public var producer: String
    /// The spool file, e.g. `<stateDir>/spool/tenancy/tenancy.spool`; its directory is created (0700) on demand.
    public var spoolPath: String
    /// How long one Append may take before audit counts as unreachable (`audit.clientTimeout`).
    public var timeout: Duration
    public var whenUnreachable: WhenUnreachable
    public var delivery: Delivery
    /// Events per Append (berth-audit takes at most 1000).
    public var maxBatch: Int
    /// Buffered delivery: how often pending events are sent.
    public var flushInterval: Duration
    /// How often a non-empty spool is offered to audit again while nothing new is recorded.
    public var replayInterval: Duration

    public init(
        producer: String, spoolPath: String, timeout: Duration = .seconds(2), whenUnreachable: WhenUnreachable = .spool,
        delivery: Delivery = .durable, maxBatch: Int = 500, flushInterval: Duration = .milliseconds(200),
        replayInterval: Duration = .seconds(1)
    ) {
        self.producer = producer
        self.spoolPath = spoolPath
        self.timeout = timeout
        self.whenUnreachable = whenUnreachable
        self.delivery = delivery
        self.maxBatch = max(1, min(maxBatch, 1000))
        self.flushInterval = flushInterval
        self.replayInterval = replayInterval
    }
}
