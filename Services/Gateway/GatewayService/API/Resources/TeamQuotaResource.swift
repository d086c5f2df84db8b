import BerthRPC

/// A team's quota with what its spaces use of it (`GET|PUT /api/v1/teams/{name}/quota`).
struct TeamQuotaResource: Codable, Sendable, Equatable {
    struct Usage: Codable, Sendable, Equatable {
        var spaces: UInt32
        /// Canonical quantities ("1500m", "3Gi"); absent when a space's template sets no amount (unknown sum).
        var cpu: String?
        var memory: String?
        var storage: String?
    }

    var team: String
    /// Absent: no limit at all.
    var quota: TeamResource.Quota?
    var usage: Usage
    /// The limits the usage passes (`spaces`, `cpu`, `memory`, `storage`): new spaces are refused until it is
    /// back under them.
    var exceeded: [String]
    var overQuota: Bool

    init(_ status: TenancyV1.TeamQuotaStatus) {
        team = status.team
        quota = status.quota.map { TeamResource.Quota(maxSpaces: $0.maxSpaces, cpu: $0.cpu, memory: $0.memory, storage: $0.storage) }
        let usage = status.usage ?? TenancyV1.TeamUsage()
        self.usage = Usage(
            spaces: usage.spaces, cpu: usage.cpu.nilIfEmpty, memory: usage.memory.nilIfEmpty, storage: usage.storage.nilIfEmpty)
        exceeded = status.exceeded
        overQuota = !status.exceeded.isEmpty
    }
}

/// `PUT /api/v1/teams/{name}/quota`: the whole new quota; an absent or empty amount (or `maxSpaces` 0) is no limit.
struct TeamQuotaBody: Decodable, Sendable {
    var maxSpaces: UInt32?
    var cpu: String?
    var memory: String?
    var storage: String?

    var wire: TenancyV1.TeamQuota {
        TenancyV1.TeamQuota(maxSpaces: maxSpaces ?? 0, cpu: cpu ?? "", memory: memory ?? "", storage: storage ?? "")
    }
}
