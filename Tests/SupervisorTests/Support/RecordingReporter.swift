import Synchronization
import SupervisorService

/// A `ReadinessReporter` that remembers what it was told, in order.
final class RecordingReporter: ReadinessReporter {
    private let calls = Mutex<[String]>([])

    var events: [String] { calls.withLock { $0 } }

    func allServing() async { calls.withLock { $0.append("READY") } }
    func stopping() async { calls.withLock { $0.append("STOPPING") } }
    func status(_ text: String) async { calls.withLock { $0.append("STATUS \(text)") } }
}
