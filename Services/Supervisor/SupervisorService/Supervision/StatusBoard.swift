import Synchronization

/// The children's statuses, written by their controllers and read synchronously by `Supervisor.snapshot()`
/// (which `berthd status` calls from any thread).
final class StatusBoard: Sendable {
    private let statuses: Mutex<[ChildStatus]>

    init(names: [String]) {
        statuses = Mutex(names.map(ChildStatus.init(name:)))
    }

    func update(_ index: Int, _ change: (inout ChildStatus) -> Void) {
        statuses.withLock { change(&$0[index]) }
    }

    /// A copy with `uptime` filled in for children that have a running process.
    func snapshot(now: Duration) -> SupervisorSnapshot {
        var services = statuses.withLock { $0 }
        for index in services.indices {
            services[index].uptime = services[index].startedAt.map { now - $0 }
        }
        return SupervisorSnapshot(services: services)
    }
}
