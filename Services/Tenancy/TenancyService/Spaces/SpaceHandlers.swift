import BerthModel
import BerthRPC
import Foundation
import Logging

/// The space and template RPCs: validation, access rules, limits, then the store; the controller is told
/// (`enqueue`) so that a new or deleted space is acted on at once rather than at the next resync.
struct SpaceHandlers: Sendable {
    let store: any SpaceStore
    let teams: any TeamStore
    let renderer: TemplateRenderer
    /// The clusters Berth manages, the default first.
    let clusters: @Sendable () async throws -> [DNSLabel]
    let personalSpaceLimit: Int
    let audit: TenancyAudit
    let enqueue: @Sendable (_ cluster: String, _ space: String) -> Void
    let now: @Sendable () -> Date
    let logger: Logger

    static let defaultPageSize = 100
    static let maxPageSize = 1000
    static let maxTTL: Int64 = 366 * 24 * 3600
    static let minTTL: Int64 = 60

    func create(_ request: TenancyV1.CreateSpaceRequest, caller: Caller) async throws -> TenancyV1.Space {
        guard let wanted = request.space else {
            throw TenancyError(code: .invalidArgument, message: "CreateSpace needs a space: set space.name")
        }
        let name = try Self.label(wanted.name, kind: "space name")
        let cluster = try await cluster(named: wanted.cluster)
        let team = try await team(named: wanted.team)
        guard SpaceAccess.mayCreate(caller, in: team) else {
            await record(.spaceCreated, caller: caller, cluster: cluster.rawValue, space: name.rawValue, team: team, outcome: .denied, reason: "not a member of the team")
            throw TenancyError(
                code: .notFound,
                message: "team \"\(wanted.team)\" does not exist or you are not a member: ask one of its owners to add you")
        }
        let template = try await template(named: wanted.template.isEmpty ? "default" : wanted.template, version: Int(wanted.templateVersion))
        let values = try Self.dictionary(wanted.values, what: "parameter")
        let labels = try Self.labels(wanted.labels)
        // Render once now so that bad parameters are refused before anything is stored.
        _ = try renderer.render(
            template, for: SpaceRenderContext(space: name, team: team?.name, owner: caller.username, values: values))
        var expiresAt: Date?
        if wanted.ttlSeconds != 0 {
            guard (Self.minTTL...Self.maxTTL).contains(wanted.ttlSeconds) else {
                throw TenancyError(
                    code: .invalidArgument,
                    message: "ttl of \(wanted.ttlSeconds)s is out of range: use 60s to 366 days, or 0 for none")
            }
            expiresAt = now().addingTimeInterval(TimeInterval(wanted.ttlSeconds))
        }
        let space = Space(
            name: name, cluster: cluster, team: team?.name, owner: caller.username, template: template.name,
            templateVersion: template.version, values: values, labels: labels, expiresAt: expiresAt,
            deleteProtection: wanted.deleteProtection, phase: .pending, message: "", deleting: false, generation: 1,
            observedGeneration: 0, appliedKinds: [], createdAt: now())
        do {
            let admission = SpaceAdmission(
                personalLimit: caller.isAdmin ? nil : personalSpaceLimit, teamQuota: team?.quota,
                usage: SpaceUsage.of(
                    template: template, values: values, space: name.rawValue, team: team?.name.rawValue ?? "",
                    owner: caller.username))
            try await store.create(space, admission: admission)
        } catch let error as TenancyError where error.code == .quotaExceeded {
            await record(.quotaExceeded, caller: caller, cluster: cluster.rawValue, space: name.rawValue, team: team, outcome: .denied, reason: error.message)
            throw error
        }
        await record(.spaceCreated, caller: caller, cluster: cluster.rawValue, space: name.rawValue, team: team, outcome: .allowed, reason: "")
        enqueue(cluster.rawValue, name.rawValue)
        return Self.wire(space)
    }

    func get(_ request: TenancyV1.GetSpaceRequest, caller: Caller) async throws -> TenancyV1.Space {
        Self.wire(try await visibleSpace(cluster: request.cluster, name: request.name, caller: caller))
    }

    func list(_ request: TenancyV1.ListSpacesRequest, caller: Caller) async throws -> TenancyV1.ListSpacesResponse {
        let cluster = try await cluster(named: request.cluster)
        let size = request.pageSize == 0 ? Self.defaultPageSize : min(Int(request.pageSize), Self.maxPageSize)
        var filter = SpaceFilter(team: request.team.isEmpty ? nil : request.team)
        if !caller.isAdmin {
            filter.visibleTo = (teams: try await memberTeams(of: caller), personalOwner: caller.username)
        }
        let spaces = try await store.spaces(
            cluster: cluster.rawValue, filter: filter, after: request.pageToken.isEmpty ? nil : request.pageToken, limit: size)
        return TenancyV1.ListSpacesResponse(
            spaces: spaces.map(Self.wire), nextPageToken: spaces.count == size ? (spaces.last?.name.rawValue ?? "") : "")
    }

    func delete(_ request: TenancyV1.DeleteSpaceRequest, caller: Caller) async throws -> TenancyV1.Space {
        let space = try await visibleSpace(cluster: request.cluster, name: request.name, caller: caller)
        let team = try await team(of: space)
        guard SpaceAccess.mayChange(caller, space, team: team) else {
            await record(.spaceDeleted, caller: caller, cluster: space.cluster.rawValue, space: space.name.rawValue, team: team, outcome: .denied, reason: "not an owner")
            throw TenancyError(
                code: .permissionDenied,
                message: "only the team's owners or the space's owner (\(space.owner)) may delete space \(space.name)")
        }
        guard !space.deleteProtection else {
            throw TenancyError(
                code: .invalidArgument,
                message: "space \(space.name) has delete protection: turn it off first (`berth space update "
                    + "\(space.name) --delete-protection=false`)")
        }
        try await store.markDeleting(cluster: space.cluster.rawValue, name: space.name.rawValue)
        await record(.spaceDeleted, caller: caller, cluster: space.cluster.rawValue, space: space.name.rawValue, team: team, outcome: .allowed, reason: "")
        enqueue(space.cluster.rawValue, space.name.rawValue)
        var deleting = space
        deleting.deleting = true
        deleting.phase = .terminating
        return Self.wire(deleting)
    }

    func upgrade(_ request: TenancyV1.UpgradeSpaceRequest, caller: Caller) async throws -> TenancyV1.Space {
        let space = try await visibleSpace(cluster: request.cluster, name: request.name, caller: caller)
        let team = try await team(of: space)
        guard SpaceAccess.mayChange(caller, space, team: team) else {
            throw TenancyError(
                code: .permissionDenied,
                message: "only the team's owners or the space's owner (\(space.owner)) may upgrade space \(space.name)")
        }
        let target = try await template(named: space.template.rawValue, version: Int(request.templateVersion))
        // The new version must render for this space (its parameters may have changed) before anything moves.
        _ = try renderer.render(
            target, for: SpaceRenderContext(space: space.name, team: space.team, owner: space.owner, values: space.values))
        guard try await store.setTemplateVersion(cluster: space.cluster.rawValue, name: space.name.rawValue, version: target.version)
        else {
            throw TenancyError(code: .notFound, message: "space \(space.name) is being deleted")
        }
        await record(
            .spaceUpgraded, caller: caller, cluster: space.cluster.rawValue, space: space.name.rawValue, team: team,
            outcome: .allowed, reason: "\(space.template).v\(space.templateVersion) → v\(target.version)")
        enqueue(space.cluster.rawValue, space.name.rawValue)
        var upgraded = space
        upgraded.templateVersion = target.version
        upgraded.phase = .pending
        upgraded.message = ""
        return Self.wire(upgraded)
    }

    func createTemplate(_ request: TenancyV1.CreateTemplateRequest, caller: Caller) async throws -> TenancyV1.Template {
        try caller.requireAdmin(to: "create templates")
        let name = try Self.label(request.name, kind: "template name")
        let parsed = try TemplateDefinition.parse(request.definitionYaml, name: name, version: 0)
        try renderer.validate(parsed)
        let stored = try await store.addTemplateVersion(parsed)
        await audit.record(
            .templateCreated, caller: caller, target: AuditV1.Target(kind: "template", name: "\(stored.name).v\(stored.version)"))
        if stored.upgradePolicy == .automatic { await upgradeAutomatically(to: stored, caller: caller) }
        return Self.wire(stored)
    }

    /// Moves every space on an older version of `template` to it; a space whose parameter values the new version
    /// refuses stays where it is (logged, and `berth space upgrade` then says why).
    private func upgradeAutomatically(to template: SpaceTemplate, caller: Caller) async {
        let behind: [Space]
        do {
            behind = try await store.spacesBehind(template: template.name.rawValue, version: template.version)
        } catch {
            logger.error("cannot list spaces for an automatic upgrade", metadata: ["error": "\(error)"])
            return
        }
        for space in behind {
            do {
                _ = try renderer.render(
                    template,
                    for: SpaceRenderContext(space: space.name, team: space.team, owner: space.owner, values: space.values))
                guard try await store.setTemplateVersion(
                    cluster: space.cluster.rawValue, name: space.name.rawValue, version: template.version)
                else { continue }
                await record(
                    .spaceUpgraded, caller: caller, cluster: space.cluster.rawValue, space: space.name.rawValue, team: nil,
                    outcome: .allowed, reason: "automatic: \(template.name).v\(space.templateVersion) → v\(template.version)")
                enqueue(space.cluster.rawValue, space.name.rawValue)
            } catch {
                logger.warning(
                    "space left on its template version", metadata: ["space": "\(space.name)", "reason": "\(error)"])
            }
        }
    }

    func getTemplate(_ request: TenancyV1.GetTemplateRequest) async throws -> TenancyV1.Template {
        Self.wire(try await template(named: request.name, version: Int(request.version)))
    }

    func listTemplates(_ request: TenancyV1.ListTemplatesRequest) async throws -> TenancyV1.ListTemplatesResponse {
        TenancyV1.ListTemplatesResponse(templates: try await store.latestTemplates().map(Self.wire))
    }

    // MARK: Lookups

    /// The space, or "not found" when it does not exist or the caller may not see it (the same answer, so that
    /// other teams' space names do not leak).
    private func visibleSpace(cluster clusterName: String, name: String, caller: Caller) async throws -> Space {
        let cluster = try await cluster(named: clusterName)
        let notFound = TenancyError(
            code: .notFound, message: "space \"\(name)\" not found in cluster \(cluster): list yours with `berth space list`")
        guard let space = try await store.space(cluster: cluster.rawValue, name: name) else { throw notFound }
        guard SpaceAccess.maySee(caller, space, team: try await team(of: space)) else { throw notFound }
        return space
    }

    private func cluster(named name: String) async throws -> DNSLabel {
        let clusters = try await clusters()
        guard let first = clusters.first else {
            throw TenancyError(
                code: .unavailable,
                message: "no Kubernetes cluster is connected: `berth cluster add NAME --kubeconfig FILE`, or set "
                    + "tenancy.cluster.kubeconfig in the config and restart")
        }
        if name.isEmpty { return first }
        guard let cluster = clusters.first(where: { $0.rawValue == name }) else {
            throw TenancyError(
                code: .notFound,
                message: "cluster \"\(name)\" is not connected (connected: \(clusters.map(\.rawValue).joined(separator: ", ")))")
        }
        return cluster
    }

    /// The team a space belongs to (nil for a personal space, or a team deleted since).
    private func team(of space: Space) async throws -> Team? {
        guard let name = space.team else { return nil }
        return try await teams.team(named: name.rawValue)
    }

    private func team(named name: String) async throws -> Team? {
        guard !name.isEmpty else { return nil }
        guard let team = try await teams.team(named: name) else {
            throw TenancyError(
                code: .notFound,
                message: "team \"\(name)\" does not exist or you are not a member: ask one of its owners to add you")
        }
        return team
    }

    private func template(named name: String, version: Int) async throws -> SpaceTemplate {
        guard let found = try await store.template(name: name, version: version) else {
            throw TenancyError(
                code: .notFound,
                message: "template \"\(name)\"\(version == 0 ? "" : " version \(version)") does not exist: list them "
                    + "with `berth template list`")
        }
        return found
    }

    /// The teams whose groups include one of the caller's (a page at a time; teams are few).
    private func memberTeams(of caller: Caller) async throws -> [String] {
        var names: [String] = []
        var after: String?
        while true {
            let page = try await teams.list(after: after, limit: 500)
            names += page.filter { $0.role(of: caller) != nil }.map(\.name.rawValue)
            guard page.count == 500, let last = page.last else { return names }
            after = last.name.rawValue
        }
    }

    private func record(
        _ action: AuditAction, caller: Caller, cluster: String, space: String, team: Team?, outcome: AuditV1.Outcome,
        reason: String
    ) async {
        await audit.record(
            action, caller: caller,
            target: AuditV1.Target(kind: "space", name: space, team: team?.name.rawValue ?? "", space: space, cluster: cluster),
            outcome: outcome, reason: reason)
    }

    // MARK: Conversions

    static func label(_ value: String, kind: String) throws -> DNSLabel {
        do {
            return try DNSLabel(value, kind: kind)
        } catch {
            throw TenancyError(code: .invalidArgument, message: error.message)
        }
    }

    static func dictionary(_ pairs: [TenancyV1.KeyValue], what: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for pair in pairs {
            guard result[pair.key] == nil else {
                throw TenancyError(code: .invalidArgument, message: "\(what) '\(pair.key)' is given twice")
            }
            result[pair.key] = pair.value
        }
        return result
    }

    /// Kubernetes label rules: an optional DNS-subdomain prefix and a name of at most 63 characters; values at
    /// most 63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric (or empty).
    static func labels(_ pairs: [TenancyV1.KeyValue]) throws -> [String: String] {
        let labels = try dictionary(pairs, what: "label")
        for (key, value) in labels {
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            let name = String(parts.last ?? "")
            let prefixProblem = parts.count == 2 ? ManifestPolicy.subdomainProblem(String(parts[0])) : nil
            guard parts.count <= 2, prefixProblem == nil, isLabelValue(name), !name.isEmpty else {
                throw TenancyError(
                    code: .invalidArgument,
                    message: "label key '\(key)' is not valid: use [prefix/]name, name at most 63 letters, digits, '-', '_', '.'")
            }
            guard isLabelValue(value) else {
                throw TenancyError(
                    code: .invalidArgument,
                    message: "label '\(key)' value '\(value)' is not valid: at most 63 letters, digits, '-', '_', '.', "
                        + "starting and ending with a letter or digit")
            }
            if key.hasPrefix("berth.dev/") || key == ManifestPolicy.managedByLabel {
                throw TenancyError(code: .invalidArgument, message: "label '\(key)' is Berth's own: choose another key")
            }
        }
        return labels
    }

    private static func isLabelValue(_ value: String) -> Bool {
        if value.isEmpty { return true }
        guard value.count <= 63, let first = value.first, let last = value.last,
            first.isASCII && (first.isLetter || first.isNumber), last.isASCII && (last.isLetter || last.isNumber)
        else { return false }
        return value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    static func wire(_ space: Space) -> TenancyV1.Space {
        TenancyV1.Space(
            name: space.name.rawValue, cluster: space.cluster.rawValue, team: space.team?.rawValue ?? "",
            owner: space.owner, template: space.template.rawValue, templateVersion: UInt32(space.templateVersion),
            values: space.values.sorted { $0.key < $1.key }.map { TenancyV1.KeyValue(key: $0.key, value: $0.value) },
            labels: space.labels.sorted { $0.key < $1.key }.map { TenancyV1.KeyValue(key: $0.key, value: $0.value) },
            expiresUnixSeconds: space.expiresAt.map { Int64($0.timeIntervalSince1970) } ?? 0,
            deleteProtection: space.deleteProtection, phase: space.phase.rawValue, message: space.message,
            createdUnixSeconds: Int64(space.createdAt.timeIntervalSince1970))
    }

    static func wire(_ template: SpaceTemplate) -> TenancyV1.Template {
        TenancyV1.Template(
            name: template.name.rawValue, version: UInt32(template.version), description: template.description,
            podSecurity: template.podSecurity.rawValue,
            parameters: template.parameters.map {
                TenancyV1.TemplateParameter(
                    name: $0.name, description: $0.description, defaultValue: $0.defaultValue ?? "",
                    required: $0.defaultValue == nil, pattern: $0.pattern ?? "")
            },
            manifests: template.manifests)
    }
}
