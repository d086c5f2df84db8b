/// Exponential restart delay: `initial`, then doubled after each crash up to `maximum`; back to `initial`
/// once the child has been stable (`reset()`).
struct RestartBackoff: Sendable, Hashable {
    let initial: Duration
    let maximum: Duration
    private var upcoming: Duration

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
        self.upcoming = initial
    }

    /// The delay before the next restart; each call doubles the following one (capped).
    mutating func next() -> Duration {
        let delay = upcoming
        upcoming = min(upcoming * 2, maximum)
        return delay
    }

    mutating func reset() {
        upcoming = initial
    }
}
