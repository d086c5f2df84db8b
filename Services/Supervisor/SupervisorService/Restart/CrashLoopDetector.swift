/// Flags a crash loop when a child exits `limit` times within `window`; the flag stays up until `reset()`
/// (called once the child has served for the stable period), so a flapping child cannot clear it by
/// crashing slowly for a moment.
struct CrashLoopDetector: Sendable, Hashable {
    let limit: Int
    let window: Duration
    private var exits: [Duration] = []
    private(set) var isFlagged = false

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Records an exit at `time` (supervisor clock); returns true when this exit raises the flag.
    mutating func recordExit(at time: Duration) -> Bool {
        exits.append(time)
        exits.removeAll { time - $0 > window }
        guard !isFlagged, exits.count >= limit else { return false }
        isFlagged = true
        return true
    }

    mutating func reset() {
        exits.removeAll()
        isFlagged = false
    }
}
