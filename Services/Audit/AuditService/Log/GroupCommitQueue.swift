/// Group commit: concurrent `append` calls share one write transaction (one fsync), and each caller resumes
/// only after the transaction that holds its batch has committed.
///
/// No background task: the first caller to find no round in progress leads one round — it takes every batch
/// queued so far (its own included), commits them through `AuditStore.append(round:)`, hands each waiter its
/// result and wakes the next queued caller to lead the following round. Batches that arrive while a round is
/// writing wait for the next one, so under load a round carries all batches that arrived during the previous
/// fsync: throughput grows with concurrency while every acknowledgement stays durable.
actor GroupCommitQueue {
    private final class Waiter {
        let batch: [EncodedEvent]
        var result: Result<[AppendOutcome], any Error>?
        var wake: CheckedContinuation<Void, Never>?

        init(_ batch: [EncodedEvent]) { self.batch = batch }

        func resume() {
            wake?.resume()
            wake = nil
        }
    }

    private let store: any AuditStore
    private var queue: [Waiter] = []
    private var writing = false
    /// Rounds committed and batches they carried (for tests and the benchmark: batches/rounds is the sharing).
    private(set) var rounds = 0
    private(set) var batches = 0

    init(store: any AuditStore) { self.store = store }

    /// Stores `batch` atomically and durably; returns when its transaction has committed.
    func append(_ batch: [EncodedEvent]) async throws -> [AppendOutcome] {
        let me = Waiter(batch)
        queue.append(me)
        while true {
            if let result = me.result { return try result.get() }
            if writing {
                await withCheckedContinuation { me.wake = $0 }
                continue
            }
            await lead()
        }
    }

    /// Commits every queued batch in one transaction, then wakes the waiters and the next leader.
    private func lead() async {
        writing = true
        let round = queue
        queue.removeAll()
        var results: [Result<[AppendOutcome], any Error>]
        do {
            results = try await store.append(round: round.map(\.batch))
        } catch {
            results = Array(repeating: .failure(error), count: round.count)
        }
        if results.count != round.count {
            let broken = AuditError(
                code: .storage, message: "the audit store answered \(results.count) results for \(round.count) batches")
            results = Array(repeating: .failure(broken), count: round.count)
        }
        rounds += 1
        batches += round.count
        for (waiter, result) in zip(round, results) { waiter.result = result }
        writing = false
        for waiter in round { waiter.resume() }
        queue.first?.resume()
    }
}
