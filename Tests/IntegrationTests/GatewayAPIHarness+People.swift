import BerthRPC
import Foundation
import XCTest

extension GatewayAPIHarness {
    static let personPassword = "gateway-person-password-42"

    /// A local user that is not an admin, created through the API by `adminToken`, and an ID token for them from
    /// berth-identity (identity verifies its own tokens, so the people of these tests are real users).
    func personToken(_ username: String, adminToken: String) async throws -> String {
        let created = try await post(
            "/api/v1/users", json: #"{"username":"\#(username)","password":"\#(Self.personPassword)"}"#, token: adminToken)
        XCTAssertEqual(created.status, 201, created.text)
        return try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .identity), IdentityV1.passwordLogin,
            IdentityV1.PasswordLoginRequest(username: username, password: Self.personPassword, clientId: "berth-cli")
        ).idToken
    }

    func put(_ path: String, json: String, token: String?) async throws -> HTTPAnswer {
        try await send("PUT", path, token: token, body: Data(json.utf8))
    }

    func patch(_ path: String, json: String, token: String?) async throws -> HTTPAnswer {
        try await send("PATCH", path, token: token, body: Data(json.utf8))
    }
}
