import BerthRPC
import Logging

/// Getting events to audit, or into the spool, in order.
extension AuditRecorder {
    /// The running loop's path: replay the spool first (order), then send `events` in batches; what audit cannot
    /// take goes to the spool (or is refused).
    ///
    /// `mayRefuse` is false when the callers were already told their events are recorded (buffered delivery):
    /// then the events are spooled whatever `whenUnreachable` says.
    func deliver(_ events: [AuditV1.Event], mayRefuse: Bool) async throws(AuditClientError) {
        if !spool.isEmpty, !(await replaySpool()) {
            try keep(
                events, because: "earlier events are still spooled and berth-audit cannot take them yet",
                mayRefuse: mayRefuse)
            return
        }
        try await send(events, mayRefuse: mayRefuse)
    }

    /// Before `run()` and after it ended: no replay (only the loop replays, so no record is sent and removed
    /// twice); events join the spool when it holds older ones, to keep the order.
    func deliverDirectly(_ events: [AuditV1.Event]) async throws(AuditClientError) {
        if !spool.isEmpty {
            try keep(events, because: "earlier events are still spooled (the recorder is not running)", mayRefuse: true)
            return
        }
        try await send(events, mayRefuse: true)
    }

    private func send(_ events: [AuditV1.Event], mayRefuse: Bool) async throws(AuditClientError) {
        var start = 0
        while start < events.count {
            let end = min(start + configuration.maxBatch, events.count)
            do {
                try await sink.append(Array(events[start..<end]), timeout: configuration.timeout)
            } catch where error.code == .unreachable {
                try keep(Array(events[start...]), because: error.message, mayRefuse: mayRefuse)
                return
            }
            start = end
        }
        endOutage()
    }

    /// Audit cannot take `events` now: spool them (fsync'd), or refuse.
    func keep(_ events: [AuditV1.Event], because cause: String, mayRefuse: Bool) throws(AuditClientError) {
        switch mayRefuse ? configuration.whenUnreachable : .spool {
        case .refuse:
            throw AuditClientError(
                code: .refused,
                message: "berth-audit is unreachable (\(cause)) and audit.whenUnreachable is refuse, so the action "
                    + "was not done: start berth-audit (see `berthd status`) and retry, or set "
                    + "audit.whenUnreachable: spool")
        case .spool:
            try spoolLock.withLock { _ throws(AuditClientError) in
                try spool.append(events, durable: true)
            }
            let first = state.withLock { state -> Bool in
                defer { state.outage = true }
                return !state.outage
            }
            if first {
                logger.warning(
                    "berth-audit is unreachable; spooling audit events until it is back",
                    metadata: ["cause": "\(cause)", "spool": "\(spool.path)"])
            }
        }
    }

    /// Offers the spool to audit in order; removes exactly what audit acknowledged. True when the spool is empty
    /// afterwards. A batch audit refuses is moved aside (`.rejected-<time>`) with an error log, so that one bad
    /// record does not hold back everything after it.
    func replaySpool() async -> Bool {
        let events: [AuditV1.Event]
        do {
            events = try spoolLock.withLock { _ throws(AuditClientError) in try spool.load() }
        } catch {
            logger.error("cannot read the audit spool", metadata: ["error": "\(error)"])
            return false
        }
        guard !events.isEmpty else { return true }
        var acknowledged = 0
        var outcome: AuditClientError?
        while acknowledged < events.count {
            let end = min(acknowledged + configuration.maxBatch, events.count)
            do {
                try await sink.append(Array(events[acknowledged..<end]), timeout: configuration.timeout)
            } catch {
                outcome = error
                break
            }
            acknowledged = end
        }
        do {
            try spoolLock.withLock { _ throws(AuditClientError) in
                try spool.removeFirst(acknowledged)
                if let outcome, outcome.code == .rejected {
                    let moved = try spool.quarantine(suffix: "\(now())")
                    logger.error(
                        "berth-audit refused spooled events; moved the spool aside for an operator",
                        metadata: ["error": "\(outcome)", "movedTo": "\(moved)"])
                }
            }
        } catch {
            logger.error("cannot update the audit spool after a replay", metadata: ["error": "\(error)"])
            return false
        }
        if acknowledged > 0 {
            logger.info(
                "replayed spooled audit events", metadata: ["events": "\(acknowledged)", "spool": "\(spool.path)"])
        }
        guard outcome == nil || outcome?.code == .rejected else { return false }
        endOutage()
        return true
    }

    private func endOutage() {
        let ended = state.withLock { state -> Bool in
            defer { state.outage = false }
            return state.outage
        }
        if ended { logger.info("berth-audit is reachable again", metadata: ["producer": "\(configuration.producer)"]) }
    }
}
