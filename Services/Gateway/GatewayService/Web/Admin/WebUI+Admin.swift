import BerthRPC
import BerthRuntime
import Hummingbird

/// The administration pages under `/ui/admin/…`: teams, templates, clusters, sleep policies, savings. Open to
/// members of `berth-admins` only (everyone else gets the 403 page); the services check the forwarded token
/// again, so the portal's check is for a clear page, not the protection.
extension WebUI {
    func registerAdmin<Context: RequestContext>(on router: Router<Context>) {
        router.get("ui/admin/teams") { request, _ in await asAdmin(request) { session in await teams(session) } }
        router.post("ui/admin/teams") { request, _ in
            await asAdmin(request) { session in await createTeam(request, session) }
        }
        router.get("ui/admin/teams/:team") { request, context in
            let name = context.parameters.get("team") ?? ""
            return await asAdmin(request) { session in await team(name, session) }
        }
        router.post("ui/admin/teams/:team/members") { request, context in
            let name = context.parameters.get("team") ?? ""
            return await asAdmin(request) { session in await updateMembers(name, request, session) }
        }
        router.post("ui/admin/teams/:team/quota") { request, context in
            let name = context.parameters.get("team") ?? ""
            return await asAdmin(request) { session in await setQuota(name, request, session) }
        }
        router.get("ui/admin/templates") { request, _ in await asAdmin(request) { session in await templates(session) } }
        router.post("ui/admin/templates") { request, _ in
            await asAdmin(request) { session in await createTemplate(request, session) }
        }
        router.get("ui/admin/clusters") { request, _ in await asAdmin(request) { session in await clusters(session) } }
        router.get("ui/admin/sleep") { request, _ in await asAdmin(request) { session in await sleepPolicy(request, session) } }
        router.post("ui/admin/sleep") { request, _ in
            await asAdmin(request) { session in await setSleepPolicy(request, session) }
        }
        router.get("ui/admin/savings") { request, _ in
            await asAdmin(request) { session in await savings(request, session, csv: false) }
        }
        router.get("ui/admin/savings.csv") { request, _ in
            await asAdmin(request) { session in await savings(request, session, csv: true) }
        }
    }

    /// `page` for a signed-in admin; the sign-in page for nobody, the 403 page for everyone else.
    func asAdmin(_ request: Request, _ page: (WebSession) async -> Response) async -> Response {
        await signedIn(request) { session in
            guard session.isAdmin else { return Self.forbidden(session) }
            return await page(session)
        }
    }

    /// The posted form when its CSRF token is this session's, else nil.
    static func checkedForm(_ request: Request, _ session: WebSession) async -> [String: String]? {
        guard let form = await form(request), session.acceptsCSRF(form["csrf"]) else { return nil }
        return form
    }
}
