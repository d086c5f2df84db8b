/// What one retention pass did.
struct PruneResult: Sendable, Equatable {
    /// A sink whose cursor kept events the policy would have dropped.
    struct SinkHold: Sendable, Equatable {
        /// The slowest sink (the one with the smallest cursor).
        let sink: String
        /// The last sequence it delivered: everything after it is kept.
        let cursor: UInt64
        /// The first sequence the policy alone would have kept.
        let policyKeepsFrom: UInt64
    }

    /// Events dropped.
    let pruned: Int
    /// Set when a sink held retention back.
    var heldBackBy: SinkHold?

    init(pruned: Int, heldBackBy: SinkHold? = nil) {
        self.pruned = pruned
        self.heldBackBy = heldBackBy
    }
}
