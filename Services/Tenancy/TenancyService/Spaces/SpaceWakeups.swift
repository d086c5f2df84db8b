import Synchronization

/// The controller's inbox: RPC handlers and watches name the spaces that changed (nil: everything), before or
/// while the controller runs. Names are merged until the controller takes them, so a burst of events for one
/// space costs one reconcile.
final class SpaceWakeups: Sendable {
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let pending = Mutex<(all: Bool, spaces: [String], queued: Set<String>)>((false, [], []))

    init() {
        (signals, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func enqueue(_ space: String?) {
        pending.withLock { state in
            if let space {
                if state.queued.insert(space).inserted { state.spaces.append(space) }
            } else {
                state.all = true
            }
        }
        continuation.yield()
    }

    /// Reconciles waiting: the single spaces, plus one for a pending full resync (`berth_tenancy_reconcile_queue_depth`).
    var depth: Int { pending.withLock { $0.spaces.count + ($0.all ? 1 : 0) } }

    /// The single spaces asked for since the last call, in order, leaving a pending full resync pending: a resync
    /// in progress serves these between its pages, so one person's new space does not wait for 10,000 others.
    func takeSpaces() -> [String] {
        pending.withLock { state in
            defer {
                state.spaces = []
                state.queued = []
            }
            return state.spaces
        }
    }

    /// Everything asked for since the last call, in order.
    func take() -> (all: Bool, spaces: [String]) {
        pending.withLock { state in
            defer { state = (false, [], []) }
            return (state.all, state.spaces)
        }
    }
}
