import BerthRPC

/// A space as the API shows it.
struct SpaceResource: Codable, Sendable, Equatable {
    var name: String
    var cluster: String
    var team: String
    var owner: String
    var template: String
    var templateVersion: UInt32
    var values: [String: String]
    var labels: [String: String]
    var ttlSeconds: Int64
    var expiresAt: String?
    var deleteProtection: Bool
    /// Pending, Ready, Error, Sleeping, Terminating.
    var state: String
    var message: String
    var createdAt: String?

    init(_ space: TenancyV1.Space) {
        name = space.name
        cluster = space.cluster
        team = space.team
        owner = space.owner
        template = space.template
        templateVersion = space.templateVersion
        values = Dictionary(space.values.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        labels = Dictionary(space.labels.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        ttlSeconds = space.ttlSeconds
        expiresAt = APITime.string(unixSeconds: space.expiresUnixSeconds)
        deleteProtection = space.deleteProtection
        state = space.phase
        message = space.message
        createdAt = APITime.string(unixSeconds: space.createdUnixSeconds)
    }
}

/// `POST /api/v1/spaces`.
struct CreateSpaceBody: Decodable, Sendable {
    var name: String
    var cluster: String?
    var team: String?
    var template: String?
    var templateVersion: UInt32?
    var values: [String: String]?
    var labels: [String: String]?
    var ttlSeconds: Int64?
    var deleteProtection: Bool?

    var space: TenancyV1.Space {
        TenancyV1.Space(
            name: name, cluster: cluster ?? "", team: team ?? "", template: template ?? "",
            templateVersion: templateVersion ?? 0,
            values: (values ?? [:]).sorted { $0.key < $1.key }.map { TenancyV1.KeyValue(key: $0.key, value: $0.value) },
            labels: (labels ?? [:]).sorted { $0.key < $1.key }.map { TenancyV1.KeyValue(key: $0.key, value: $0.value) },
            ttlSeconds: ttlSeconds ?? 0, deleteProtection: deleteProtection ?? false)
    }
}

/// `POST /api/v1/spaces/{name}/upgrade`.
struct UpgradeSpaceBody: Decodable, Sendable {
    /// 0 or absent: the template's newest version.
    var templateVersion: UInt32?
}
