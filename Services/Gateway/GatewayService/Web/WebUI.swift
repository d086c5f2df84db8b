import BerthCrypto
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import Hummingbird
import Logging

/// The self-service portal under `/ui`: server-rendered pages over the same service RPCs the CLI uses, each call
/// carrying the signed-in person's token so that the services apply that person's rights (a member sees only
/// their teams' spaces, whatever the portal asks). State-changing forms are POSTs with a CSRF token.
struct WebUI: Sendable {
    let identity: UnixRPCClient
    let tenancy: UnixRPCClient
    let audit: UnixRPCClient
    let sleep: UnixRPCClient
    /// Downloading a kubeconfig is activity in the space (it keeps it awake, as the sleep policy says).
    let activity: any ActivityReporting
    let verifier: any TokenVerifier
    /// The client id the portal signs people in for (their tokens then work on the API and kubectl too).
    let clientID: String
    /// Cookies get `Secure` when the gateway serves TLS.
    let secureCookies: Bool
    /// Where people reach the gateway (`gateway.publicURL`): the `berth token` server in kubeconfigs.
    let publicURL: String
    let now: @Sendable () -> Date
    let logger: Logger

    /// How long the wake and sleep buttons wait for berth-sleep (a wake answers once every object is restored).
    static let wakeDeadline: Duration = .seconds(90)

    /// - Parameters:
    ///   - routes: the REST API's routes, whose long-lived service clients the portal shares.
    ///   - activity: the gateway's one reporter of space activity to berth-sleep.
    init(
        routes: APIRoutes, activity: any ActivityReporting, verifier: any TokenVerifier, clientID: String,
        secureCookies: Bool, publicURL: String, logger: Logger
    ) {
        self.publicURL = publicURL
        identity = routes.identity
        tenancy = routes.tenancy
        audit = routes.audit
        sleep = routes.sleep
        self.activity = activity
        self.verifier = verifier
        self.clientID = clientID
        self.secureCookies = secureCookies
        now = { Date() }
        self.logger = logger
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("ui") { _, _ in Self.redirect("/ui/spaces") }
        router.get("ui/login") { request, _ in await loginPage(request) }
        router.post("ui/login") { request, _ in await login(request) }
        router.post("ui/logout") { request, _ in await signedIn(request) { session in await logout(request, session) } }
        router.get("ui/spaces") { request, _ in await signedIn(request) { session in await spaces(session) } }
        router.post("ui/spaces") { request, _ in await signedIn(request) { session in await createSpace(request, session) } }
        router.get("ui/spaces/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            return await signedIn(request) { session in await space(name, session) }
        }
        router.get("ui/spaces/:name/kubeconfig") { request, context in
            let name = context.parameters.get("name") ?? ""
            return await signedIn(request) { session in await kubeconfig(name, session) }
        }
        router.post("ui/spaces/:name/wake") { request, context in
            let name = context.parameters.get("name") ?? ""
            return await signedIn(request) { session in await sleepAction(name, wake: true, request, session) }
        }
        router.post("ui/spaces/:name/sleep") { request, context in
            let name = context.parameters.get("name") ?? ""
            return await signedIn(request) { session in await sleepAction(name, wake: false, request, session) }
        }
        router.get("ui/spaces/:name/delete") { request, context in
            let name = context.parameters.get("name") ?? ""
            return await signedIn(request) { session in await confirmDelete(name, session) }
        }
        router.post("ui/spaces/:name/delete") { request, context in
            let name = context.parameters.get("name") ?? ""
            return await signedIn(request) { session in await deleteSpace(name, request, session) }
        }
        router.get("ui/audit") { request, _ in await signedIn(request) { session in await auditSearch(request, session) } }
        router.get("ui/admin") { request, _ in await signedIn(request) { session in await admin(session) } }
        registerSSO(on: router)
        registerAdmin(on: router)
    }

    // MARK: - Signing in and out

    private func loginPage(_ request: Request, username: String = "", error: String? = nil) async -> Response {
        let csrf = (try? SecureRandom.identifier()) ?? ""
        let connectors = await loginConnectors()
        var response = Self.html(
            error == nil ? .ok : .unauthorized,
            WebPages.login(csrf: csrf, connectors: connectors, username: username, error: error))
        response.headers[values: .setCookie] = [
            WebSession.setCookie(WebSession.loginCSRFCookieName, csrf, maxAge: 1800, secure: secureCookies)
        ]
        return response
    }

    private func login(_ request: Request) async -> Response {
        guard let form = await Self.form(request) else { return await loginPage(request, error: "The form was too large.") }
        let expected = WebSession.cookies(of: request)[WebSession.loginCSRFCookieName] ?? ""
        guard !expected.isEmpty, form["csrf"] == expected else {
            return await loginPage(request, error: "The sign-in form expired or came from another site: please try again.")
        }
        let username = form["username"] ?? ""
        do {
            let answer = try await identity.unary(
                IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(
                    connectorId: form["connector"].flatMap { $0.isEmpty ? nil : $0 } ?? "local", username: username, password: form["password"] ?? "", clientId: clientID,
                    nonce: (try? SecureRandom.identifier()) ?? ""))
            var response = Self.redirect("/ui/spaces")
            response.headers[values: .setCookie] = [
                sessionCookie(idToken: answer.idToken, expiresAtUnix: answer.expiresAtUnix),
                WebSession.setCookie(WebSession.loginCSRFCookieName, "", maxAge: 0, secure: secureCookies),
            ]
            logger.info("web sign-in", metadata: ["user": "\(username)"])
            return response
        } catch {
            // The identity service's message never says which of the two was wrong; nor does this one.
            let message = error.code == .unauthenticated || error.code == .permissionDenied || error.code == .invalidArgument
                ? "Wrong username or password, or the account is locked." : "Sign-in is unavailable: \(error.message)"
            return await loginPage(request, username: username, error: message)
        }
    }

    /// The portal's session: the person's ID token, kept as long as it is valid. Password and SSO sign-ins
    /// both end here, so both make the same kind of session.
    func sessionCookie(idToken: String, expiresAtUnix: Int64) -> String {
        WebSession.setCookie(
            WebSession.cookieName, idToken, maxAge: expiresAtUnix - Int64(now().timeIntervalSince1970),
            secure: secureCookies)
    }

    private func logout(_ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.form(request), session.acceptsCSRF(form["csrf"]) else { return Self.forbidden(session) }
        var response = Self.redirect("/ui/login")
        response.headers[values: .setCookie] = [
            WebSession.setCookie(WebSession.cookieName, "", maxAge: 0, secure: secureCookies)
        ]
        return response
    }

    /// Runs `page` for a signed-in person; everyone else goes to the sign-in page.
    func signedIn(_ request: Request, _ page: (WebSession) async -> Response) async -> Response {
        guard let token = WebSession.cookies(of: request)[WebSession.cookieName], !token.isEmpty,
            let person = try? await verifier.verify(token)
        else { return Self.redirect("/ui/login") }
        return await page(WebSession(token: token, person: person))
    }

    // MARK: - Spaces

    private func spaces(_ session: WebSession, notice: String? = nil, error: String? = nil) async -> Response {
        do {
            let model = try await spacesModel(session)
            return Self.html(.ok, WebPages.spaces(model, session: session, notice: notice, error: error))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    func spacesModel(_ session: WebSession) async throws(RPCClientError) -> WebPages.SpacesModel {
        let metadata = session.forwardedMetadata
        let spaces = try await tenancy.unary(TenancyV1.listSpaces, TenancyV1.ListSpacesRequest(pageSize: 1000), metadata: metadata)
        let teams = try await tenancy.unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: 1000), metadata: metadata)
        let templates = try await tenancy.unary(TenancyV1.listTemplates, TenancyV1.ListTemplatesRequest(), metadata: metadata)
        return WebPages.SpacesModel(spaces: spaces.spaces, teams: teams.teams, templates: templates.templates)
    }

    private func createSpace(_ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.form(request), session.acceptsCSRF(form["csrf"]) else { return Self.forbidden(session) }
        let name = form["name"] ?? ""
        do {
            _ = try await tenancy.unary(
                TenancyV1.createSpace,
                TenancyV1.CreateSpaceRequest(
                    space: TenancyV1.Space(name: name, team: form["team"] ?? "", template: form["template"] ?? "")),
                metadata: session.forwardedMetadata)
            // Tenancy accepted it, so it is a DNS label: safe in a path as it is.
            return Self.redirect("/ui/spaces/\(name)")
        } catch {
            return await spaces(session, error: error.message)
        }
    }

    private func space(_ name: String, _ session: WebSession, notice: String? = nil, error: String? = nil) async -> Response {
        let metadata = session.forwardedMetadata
        do {
            let space = try await tenancy.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: name), metadata: metadata)
            // The sleep state is extra: the page still shows the space when berth-sleep does not answer.
            let state = try? await sleep.unary(
                SleepV1.getSleepState, SleepV1.GetSleepStateRequest(space: SleepV1.SpaceRef(cluster: space.cluster, name: name)),
                deadline: .seconds(3), metadata: metadata)
            return Self.html(.ok, WebPages.space(space, sleep: state, session: session, notice: notice, error: error))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    /// Wake (returns once every object is restored) or put to sleep, then back to the space's page.
    private func sleepAction(_ name: String, wake: Bool, _ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.form(request), session.acceptsCSRF(form["csrf"]) else { return Self.forbidden(session) }
        let metadata = session.forwardedMetadata
        let ref = SleepV1.SpaceRef(cluster: form["cluster"] ?? "", name: name)
        do {
            if wake {
                // A wake answers once every object is restored: longer than the clients' 10 s default.
                _ = try await sleep.unary(
                    SleepV1.wakeSpace, SleepV1.WakeSpaceRequest(space: ref), deadline: Self.wakeDeadline, metadata: metadata)
            } else {
                _ = try await sleep.unary(
                    SleepV1.sleepSpace, SleepV1.SleepSpaceRequest(space: ref), deadline: Self.wakeDeadline, metadata: metadata)
            }
            return await space(name, session, notice: wake ? "Space \(name) is awake." : "Space \(name) is asleep.")
        } catch {
            return await space(name, session, error: error.message)
        }
    }

    /// A kubeconfig for the space: the cluster's endpoint from tenancy, credentials from `berth token`.
    private func kubeconfig(_ name: String, _ session: WebSession) async -> Response {
        let metadata = session.forwardedMetadata
        do {
            let space = try await tenancy.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: name), metadata: metadata)
            let endpoint = try await tenancy.unary(
                TenancyV1.getClusterEndpoint, TenancyV1.GetClusterEndpointRequest(name: space.cluster), metadata: metadata)
            await activity.report([
                SleepV1.Activity(
                    cluster: space.cluster, namespace: space.name,
                    timeUnixNanos: Int64(now().timeIntervalSince1970 * 1_000_000_000), kind: "berth-kubeconfig")
            ])
            let document = try UserKubeconfig(
                clusterName: endpoint.name, server: endpoint.server, certificateAuthorityPEM: endpoint.certificateAuthorityPem,
                insecureSkipTLSVerify: endpoint.insecureSkipTlsVerify, tlsServerName: endpoint.tlsServerName,
                berthServer: publicURL, namespaces: [space.name]
            ).json()
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/yaml",
                    .contentDisposition: "attachment; filename=\"\(space.name)-kubeconfig.yaml\"",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        } catch let error as RPCClientError {
            return Self.failure(error, session: session)
        } catch {
            return Self.html(.internalServerError, WebPages.message("Failed", "\(error)", session: session))
        }
    }

    private func confirmDelete(_ name: String, _ session: WebSession) async -> Response {
        do {
            let space = try await tenancy.unary(
                TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: name),
                metadata: session.forwardedMetadata)
            return Self.html(.ok, WebPages.confirmDelete(space, session: session))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    private func deleteSpace(_ name: String, _ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.form(request), session.acceptsCSRF(form["csrf"]) else { return Self.forbidden(session) }
        guard form["confirm"] == name else {
            return Self.html(
                .badRequest,
                WebPages.message(
                    "Not deleted", "The name you typed does not match \(name): the space was kept.", session: session))
        }
        do {
            _ = try await tenancy.unary(
                TenancyV1.deleteSpace, TenancyV1.DeleteSpaceRequest(name: name),
                metadata: session.forwardedMetadata)
            return await spaces(session, notice: "Space \(name) is being deleted.")
        } catch {
            return Self.failure(error, session: session)
        }
    }

    // MARK: - Admins

    private func admin(_ session: WebSession) async -> Response {
        guard session.isAdmin else { return Self.forbidden(session) }
        let metadata = session.forwardedMetadata
        do {
            let model = try await spacesModel(session)
            let clusters = try await tenancy.unary(TenancyV1.listClusters, TenancyV1.ListClustersRequest(), metadata: metadata)
            return Self.html(
                .ok,
                WebPages.admin(
                    teams: model.teams, clusters: clusters.clusters, templates: model.templates, spaces: model.spaces,
                    session: session))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    // MARK: - Responses

    static func html(_ status: HTTPResponse.Status, _ page: HTML) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func forbidden(_ session: WebSession) -> Response {
        html(
            .forbidden,
            WebPages.message(
                "Not allowed", "That page or action is not open to you (or the form expired: reload and try again).",
                session: session))
    }

    /// A service refused or is down: what it said, with the status a browser should see.
    static func failure(_ error: RPCClientError, session: WebSession) -> Response {
        let status: HTTPResponse.Status =
            switch error.code {
            case .notFound: .notFound
            case .permissionDenied: .forbidden
            case .unavailable, .deadlineExceeded: .serviceUnavailable
            default: .badRequest
            }
        let title = status == .notFound ? "Not found" : status == .serviceUnavailable ? "Unavailable" : "Refused"
        return html(status, WebPages.message(title, error.message, session: session))
    }

    /// The posted form, or nil when the body is too large.
    static func form(_ request: Request) async -> [String: String]? {
        guard let body = try? await request.body.collect(upTo: FormBody.maxBytes) else { return nil }
        return FormBody.parse(String(buffer: body))
    }
}
