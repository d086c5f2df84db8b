import AuditService
import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import Logging
import XCTest

/// The outgoing-webhook RPCs over audit's real socket: bad registrations are refused with what to fix and store
/// nothing, only admins (local, or by a forwarded berth-admins token) manage webhooks, and every change is an
/// audit event.
final class AuditWebhookRPCTests: XCTestCase {
    static let verifier = StaticTokenVerifier([
        "member-token": StaticTokenVerifier.person("mia", groups: ["payments-devs"]),
        "admin-token": StaticTokenVerifier.person("ada", groups: [BerthGroups.admins]),
    ])

    func testRegistrationValidationAuthorizationAndAudit() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let host = try AuditService.build(
            config: env.config, logger: Logger(label: "t"), now: { Date() }, clock: ContinuousClock(), verifier: Self.verifier)
        try await withRunningService(host, in: env) {
            let client = env.client(for: .audit)
            func create(_ request: AuditV1.CreateWebhookRequest, token: String? = nil) async throws -> AuditV1.CreateWebhookResponse {
                try await client.unary(
                    AuditV1.createWebhook, request, metadata: token.map(BearerToken.metadata(forwarding:)) ?? [:])
            }
            // 01: what cannot work is refused, naming the fix.
            let badURL = await rpcError {
                try await create(AuditV1.CreateWebhookRequest(name: "itsm", url: "ftp://itsm.example.com/x"))
            }
            XCTAssertEqual(badURL?.code, .invalidArgument)
            XCTAssertTrue(badURL?.message.contains("http(s) URL") == true, String(describing: badURL))
            let badFilter = await rpcError {
                try await create(
                    AuditV1.CreateWebhookRequest(name: "itsm", url: "https://itsm.example.com/x", actionPrefixes: ["spaces."]))
            }
            XCTAssertEqual(badFilter?.code, .invalidArgument)
            XCTAssertTrue(badFilter?.message.contains("matches no audit action") == true, String(describing: badFilter))
            let badName = await rpcError {
                try await create(AuditV1.CreateWebhookRequest(name: "ITSM Hook", url: "https://itsm.example.com/x"))
            }
            XCTAssertEqual(badName?.code, .invalidArgument)
            let shortSecret = await rpcError {
                try await create(AuditV1.CreateWebhookRequest(name: "itsm", url: "https://itsm.example.com/x", secret: "short"))
            }
            XCTAssertEqual(shortSecret?.code, .invalidArgument)

            // 02: a non-admin's forwarded token is refused; so is a forged one.
            let member = await rpcError {
                try await create(AuditV1.CreateWebhookRequest(name: "itsm", url: "https://itsm.example.com/x"), token: "member-token")
            }
            XCTAssertEqual(member?.code, .permissionDenied)
            let forged = await rpcError {
                try await client.unary(
                    AuditV1.listWebhooks, AuditV1.ListWebhooksRequest(), metadata: BearerToken.metadata(forwarding: "forged"))
            }
            XCTAssertEqual(forged?.code, .unauthenticated)
            let none = try await client.unary(AuditV1.listWebhooks, AuditV1.ListWebhooksRequest())
            XCTAssertEqual(none.webhooks, [], "nothing of the refused registrations was stored")

            // 03: an admin registers one (secret generated, shown once); the name is then taken.
            let created = try await create(
                AuditV1.CreateWebhookRequest(name: "itsm", url: "https://itsm.example.com/x", actionPrefixes: ["space."]),
                token: "admin-token")
            XCTAssertEqual(created.secret.count, 64)
            let taken = await rpcError {
                try await create(AuditV1.CreateWebhookRequest(name: "itsm", url: "https://other.example.com/"))
            }
            XCTAssertEqual(taken?.code, .alreadyExists)
            let listed = try await client.unary(AuditV1.listWebhooks, AuditV1.ListWebhooksRequest())
            XCTAssertEqual(listed.webhooks.map(\.name), ["itsm"])
            XCTAssertEqual(listed.webhooks.first?.createdBy, "ada")

            // 04: delete, then a second delete is not found; both changes are in the log with their actor.
            let id = try XCTUnwrap(created.webhook?.id)
            _ = try await client.unary(AuditV1.deleteWebhook, AuditV1.DeleteWebhookRequest(id: id))
            let again = await rpcError {
                try await client.unary(AuditV1.deleteWebhook, AuditV1.DeleteWebhookRequest(id: id))
            }
            XCTAssertEqual(again?.code, .notFound)
            let recorded = try await eventually(timeout: .seconds(5)) {
                try await client.unary(AuditV1.query, AuditV1.QueryRequest(actionPrefix: "webhook.", oldestFirst: true))
                    .records.compactMap(\.event).map { "\($0.action) \($0.actor?.username ?? "")" }
                    == ["webhook.created ada", "webhook.deleted \(NSUserName())"]
            }
            XCTAssertTrue(recorded)
        }
    }
}
