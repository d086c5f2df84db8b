import BerthCrypto
import BerthModel
import BerthRPC
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// What every `/api/v1` handler shares: the service clients (one long-lived connection each), the idempotency
/// store, the request time limit; and the wrappers that turn a handler's `APIReply` or error into the answer,
/// so every resource file holds only its mapping.
struct APIRoutes: Sendable {
    let tenancy: UnixRPCClient
    let audit: UnixRPCClient
    let sleep: UnixRPCClient
    /// Users, groups and access keys (identity authorizes each call by the forwarded token).
    let identity: UnixRPCClient
    let idempotency: IdempotencyStore?
    let timeout: RequestTimeout

    /// The four service clients by service, in start order: what the relay and the metrics scrape address.
    var clients: [(ServiceName, UnixRPCClient)] {
        [(.audit, audit), (.identity, identity), (.tenancy, tenancy), (.sleep, sleep)]
    }
    let maxBodyBytes: Int

    typealias Handler = @Sendable (Request, GatewayRequestContext, VerifiedCaller) async throws -> APIReply

    /// A read or a delete: the caller is verified (by `BearerAuthMiddleware`), errors become problems.
    func handle(_ body: @escaping Handler) -> @Sendable (Request, GatewayRequestContext) async throws -> Response {
        let timeout = self.timeout
        return { request, context in
            if let bad = Self.nulParameter(request, context) {
                return APIProblem.invalid("\(bad) contains U+0000 (NUL): remove it").response(requestID: context.requestID)
            }
            return try await timeout.run(context: context) {
                await Self.answer(context) { caller in try await body(request, context, caller) }.response
            }
        }
    }

    /// A `POST` that creates or acts: as `handle`, plus `Idempotency-Key`. The handler also gets the body
    /// (size-checked) as `Data`.
    func post(
        _ body: @escaping @Sendable (Request, Data, GatewayRequestContext, VerifiedCaller) async throws -> APIReply
    ) -> @Sendable (Request, GatewayRequestContext) async throws -> Response {
        let routes = self
        return handle { request, context, caller in
            let data = try await Self.body(of: request, limit: routes.maxBodyBytes)
            guard let key = request.headers[Self.idempotencyKey], let store = routes.idempotency else {
                return try await body(request, data, context, caller)
            }
            return try await routes.idempotent(
                key: key, path: request.uri.path, data: data, context: context, caller: caller, store: store
            ) { [request] in try await body(request, data, context, caller) }
        }
    }

    /// A `PUT` or `PATCH`: as `handle`, plus the body (size-checked). No `Idempotency-Key`: both replace or
    /// change to a stated value, so sending one twice does no harm.
    func update(
        _ body: @escaping @Sendable (Request, Data, GatewayRequestContext, VerifiedCaller) async throws -> APIReply
    ) -> @Sendable (Request, GatewayRequestContext) async throws -> Response {
        let limit = maxBodyBytes
        return handle { request, context, caller in
            try await body(request, try await Self.body(of: request, limit: limit), context, caller)
        }
    }

    static func body(of request: Request, limit: Int) async throws -> Data {
        var request = request
        do {
            return Data((try await request.collectBody(upTo: limit)).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIProblem.tooLarge(limit: limit)
        }
    }

    /// The query or path parameter holding a NUL, which no service message can carry.
    static func nulParameter(_ request: Request, _ context: GatewayRequestContext) -> String? {
        for (name, value) in request.uri.queryParameters where value.contains("\u{0}") { return "?\(name)=" }
        for (name, value) in context.parameters where value.contains("\u{0}") { return "the path's {\(name)}" }
        return nil
    }

    static let idempotencyKey = HTTPField.Name.literal("Idempotency-Key")
    static let replayed = HTTPField.Name.literal("Idempotent-Replayed")

    private func idempotent(
        key: String, path: String, data: Data, context: GatewayRequestContext, caller: VerifiedCaller,
        store: IdempotencyStore, _ body: @Sendable () async throws -> APIReply
    ) async throws -> APIReply {
        guard (1...255).contains(key.utf8.count) else {
            throw APIProblem.invalid("Idempotency-Key must be 1 to 255 characters (a UUID is a good choice)")
        }
        var fingerprint = Data("POST \(path)\n".utf8)
        fingerprint.append(data)
        let digest = Data((try? SHA256.digest(Array(fingerprint))) ?? Array(fingerprint))
        switch try await store.begin(caller: caller.subject, key: key, fingerprint: digest) {
        case .replay(let stored):
            var reply = APIReply(status: .init(code: stored.status), body: stored.body, location: stored.location)
            reply.contentType = stored.contentType
            reply.headers[Self.replayed] = "true"
            return reply
        case .mismatch:
            throw APIProblem(
                status: .unprocessableContent, code: "idempotency_key_reused", title: "Idempotency-Key reused",
                detail: "the Idempotency-Key \"\(key)\" was used with a different request: use a new key for a new request")
        case .inProgress:
            throw APIProblem(
                status: .conflict, code: "idempotency_key_in_progress", title: "request in progress",
                detail: "a request with the Idempotency-Key \"\(key)\" is still running: retry after it finished")
        case .new:
            break
        }
        let outcome = await Self.answer(context) { _ in try await body() }
        if outcome.status.code >= 500 {
            try? await store.abandon(caller: caller.subject, key: key)
        } else {
            try await store.finish(
                caller: caller.subject, key: key,
                reply: .init(status: outcome.status.code, contentType: outcome.contentType, location: outcome.location, body: outcome.body))
        }
        return outcome
    }

    /// Runs a handler and turns what it throws into a problem reply: `APIProblem` as is, `RPCClientError`
    /// through the one mapping (`RPCClientError+HTTP`), anything else 500 (logged with the request id, never
    /// echoed).
    static func answer(
        _ context: GatewayRequestContext, _ body: (VerifiedCaller) async throws -> APIReply
    ) async -> APIReply {
        guard let caller = context.caller else {
            return problemReply(.unauthenticated("no bearer token"), context)
        }
        do {
            return try await body(caller)
        } catch let problem as APIProblem {
            return problemReply(problem, context)
        } catch let error as RPCClientError {
            let problem = error.problem
            if problem.status.code >= 500 {
                context.logger.error("service call failed", metadata: ["code": "\(error.code)", "error": "\(error.message)"])
            }
            return problemReply(problem, context)
        } catch {
            context.logger.error("API handler failed", metadata: ["error": "\(error)"])
            return problemReply(.internalError, context)
        }
    }

    static func problemReply(_ problem: APIProblem, _ context: GatewayRequestContext) -> APIReply {
        problem.reply(requestID: context.requestID)
    }
}
