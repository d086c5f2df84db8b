import BerthCrypto
import BerthModel
import BerthRPC
import Logging
import Synchronization

/// The audit client every service uses: fills in ids and times, validates actions, batches events into Appends to
/// berth-audit, and when audit cannot be reached keeps them in a local fsync'd spool that it replays, in order,
/// once audit is back (audit drops duplicates by id, so a replay after a lost answer is harmless).
///
/// Run it as a `Service` (`run()`, first in the service group so it stops last): the running recorder batches
/// (concurrent `record` calls share one Append), replays the spool, and on shutdown delivers or spools what is
/// pending. Before it runs and after it stopped, `record` still works: it sends directly (spooling when the spool
/// already holds events, so their order is kept), without batching.
///
/// One recorder per spool file.
public final class AuditRecorder: AuditRecording {
    public let configuration: AuditRecorderConfiguration
    let sink: any AuditEventSink
    let spool: AuditSpool
    let clock: any Clock<Duration>
    let now: @Sendable () -> Int64
    let logger: Logger
    let state = Mutex(State())
    /// Serializes every change to the spool file (append, repair, removal), wherever it comes from.
    let spoolLock = Mutex(())

    struct State {
        var pending: [Pending] = []
        var pendingEvents = 0
        /// Set while `run()` drains `pending`; nil before and after.
        var wake: AsyncStream<Void>.Continuation?
        /// True while audit is known to be unreachable (one log line per outage, not per event).
        var outage = false
    }

    /// One `record` call waiting for the running recorder.
    struct Pending {
        var events: [AuditV1.Event]
        /// Resumed once the events are durable (durable delivery); nil in buffered delivery.
        var waiter: CheckedContinuation<Result<Void, AuditClientError>, Never>?
    }

    /// - Parameters:
    ///   - sink: where events go: `RPCAuditSink(socketPath:)` for every service but audit itself.
    ///   - clock: paces buffered flushes and spool replays.
    ///   - now: the time stamped on events without one, in nanoseconds since 1970.
    public init(
        configuration: AuditRecorderConfiguration, sink: any AuditEventSink, clock: any Clock<Duration>,
        now: @escaping @Sendable () -> Int64, logger: Logger
    ) {
        self.configuration = configuration
        self.sink = sink
        self.clock = clock
        self.now = now
        self.logger = logger
        self.spool = AuditSpool(path: configuration.spoolPath, logger: logger)
    }

    /// True while `run()` takes events (batching, replays); false before it started and after it stopped.
    public var isRunning: Bool { state.withLock { $0.wake != nil } }

    @discardableResult
    public func record(_ events: [AuditV1.Event]) async throws(AuditClientError) -> [AuditV1.Event] {
        let prepared = try prepare(events)
        guard !prepared.isEmpty else { return [] }
        let durable = configuration.delivery == .durable
        let result: Result<Void, AuditClientError> = await withCheckedContinuation { continuation in
            let queued = state.withLock { state -> Bool in
                guard let wake = state.wake else { return false }
                state.pending.append(Pending(events: prepared, waiter: durable ? continuation : nil))
                state.pendingEvents += prepared.count
                if durable || state.pendingEvents >= configuration.maxBatch { wake.yield() }
                return true
            }
            if !queued {
                continuation.resume(returning: .failure(Self.notRunning))
            } else if !durable {
                continuation.resume(returning: .success(()))
            }
        }
        switch result {
        case .success:
            return prepared
        case .failure(let error) where error == Self.notRunning:
            try await deliverDirectly(prepared)
            return prepared
        case .failure(let error):
            throw error
        }
    }

    /// Marker for "no running loop took the events": `record` then delivers them itself.
    static let notRunning = AuditClientError(code: .unreachable, message: "audit recorder not running")

    /// Ids, times and the action check; all or nothing.
    func prepare(_ events: [AuditV1.Event]) throws(AuditClientError) -> [AuditV1.Event] {
        var prepared = events
        for index in prepared.indices {
            do {
                _ = try AuditAction(validating: prepared[index].action)
            } catch {
                throw AuditClientError(code: .invalidEvent, message: error.message)
            }
            if prepared[index].id.isEmpty {
                do {
                    prepared[index].id = try SecureRandom.identifier()
                } catch {
                    throw AuditClientError(
                        code: .invalidEvent, message: "cannot generate an audit event id: \(error)")
                }
            }
            if prepared[index].timeUnixNanos == 0 { prepared[index].timeUnixNanos = now() }
        }
        return prepared
    }
}
