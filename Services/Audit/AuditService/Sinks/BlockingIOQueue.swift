import Dispatch

/// A serial dispatch queue for a sink's blocking system calls (`write` + `fsync`, `send` on a socket with a 5 s
/// timeout), so they never hold a thread of Swift's cooperative pool, which every RPC of the service shares.
/// One per sink: its calls stay in order, and one slow destination blocks only its own queue.
struct BlockingIOQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: "berth.audit.sink.\(label)")
    }

    /// Runs `work` on the queue and resumes with its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
