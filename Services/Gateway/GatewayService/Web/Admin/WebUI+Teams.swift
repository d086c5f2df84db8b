import BerthRPC
import Hummingbird

/// Teams: the list with a create form, and one team's page (members, quota and usage).
extension WebUI {
    func teams(_ session: WebSession, form: WebPages.TeamForm = .init(), error: String? = nil) async -> Response {
        do {
            let model = try await spacesModel(session)
            return Self.html(
                error == nil ? .ok : .unprocessableContent,
                WebPages.teams(model.teams, spaces: model.spaces, form: form, session: session, error: error))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    func createTeam(_ request: Request, _ session: WebSession) async -> Response {
        guard let fields = await Self.checkedForm(request, session) else { return Self.forbidden(session) }
        let form = WebPages.TeamForm(fields)
        guard let maxSpaces = UInt32(form.maxSpaces.isEmpty ? "0" : form.maxSpaces) else {
            return await teams(
                session, form: form, error: "Maximum spaces \"\(form.maxSpaces)\" is not a whole number: use 0 for no limit.")
        }
        let team = TenancyV1.Team(
            name: form.name, displayName: form.displayName,
            groups: form.groups.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            quota: TenancyV1.TeamQuota(maxSpaces: maxSpaces, cpu: form.cpu, memory: form.memory, storage: form.storage))
        do {
            _ = try await tenancy.unary(
                TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: team), metadata: session.forwardedMetadata)
            // Tenancy accepted the name, so it is a DNS label: safe in a path as it is.
            return Self.redirect("/ui/admin/teams/\(form.name)")
        } catch {
            return await teams(session, form: form, error: error.message)
        }
    }

    func team(_ name: String, _ session: WebSession, notice: String? = nil, error: String? = nil) async -> Response {
        do {
            let model = try await spacesModel(session)
            guard let team = model.teams.first(where: { $0.name == name }) else {
                return Self.html(.notFound, WebPages.message("Not found", "There is no team \(name).", session: session))
            }
            // Usage summed by tenancy (the sum space creation checks); without it the page still counts spaces.
            let status = try? await tenancy.unary(
                TenancyV1.getTeamQuota, TenancyV1.GetTeamQuotaRequest(team: name), metadata: session.forwardedMetadata)
            return Self.html(
                error == nil ? .ok : .unprocessableContent,
                WebPages.team(
                    team, status: status, spaces: model.spaces.filter { $0.team == name }, session: session, notice: notice,
                    error: error))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    /// Replaces the team's quota (SetTeamQuota: lowering it below the usage is allowed, the page then says which
    /// limits are passed).
    func setQuota(_ name: String, _ request: Request, _ session: WebSession) async -> Response {
        guard let fields = await Self.checkedForm(request, session) else { return Self.forbidden(session) }
        let form = WebPages.TeamForm(fields)
        guard let maxSpaces = UInt32(form.maxSpaces.isEmpty ? "0" : form.maxSpaces) else {
            return await team(
                name, session, error: "Maximum spaces \"\(form.maxSpaces)\" is not a whole number: use 0 for no limit.")
        }
        do {
            _ = try await tenancy.unary(
                TenancyV1.setTeamQuota,
                TenancyV1.SetTeamQuotaRequest(
                    team: name,
                    quota: TenancyV1.TeamQuota(maxSpaces: maxSpaces, cpu: form.cpu, memory: form.memory, storage: form.storage)),
                metadata: session.forwardedMetadata)
            return await team(name, session, notice: "The quota of team \(name) is saved.")
        } catch {
            return await team(name, session, error: error.message)
        }
    }

    /// Adds (`op=add`) or removes (`op=remove`) one user or group with its role.
    func updateMembers(_ name: String, _ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.checkedForm(request, session) else { return Self.forbidden(session) }
        let member = TenancyV1.TeamMember(
            kind: form["kind"] ?? "user", name: (form["member"] ?? "").trimmingCharacters(in: .whitespaces),
            role: form["role"] ?? "member")
        let adding = form["op"] != "remove"
        do {
            _ = try await tenancy.unary(
                TenancyV1.updateTeamMembers,
                TenancyV1.UpdateTeamMembersRequest(team: name, add: adding ? [member] : [], remove: adding ? [] : [member]),
                metadata: session.forwardedMetadata)
            let done = adding
                ? "Added \(member.kind) \(member.name) as \(member.role)." : "Removed \(member.kind) \(member.name)."
            return await team(name, session, notice: done)
        } catch {
            return await team(name, session, error: error.message)
        }
    }
}
