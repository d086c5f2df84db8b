import BerthTesting
import Foundation
import GatewayService
import Logging
import XCTest

/// `Services/Gateway/openapi.yaml` is the REST API's contract: the router and the document list the same
/// operations, the embedded copy is the file, and schemathesis finds no 5xx and no answer off the schema.
final class GatewayOpenAPITests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let documentPath = repository.appendingPathComponent("Services/Gateway/openapi.yaml").path

    /// Routes that are not the REST API's and so not in its document: kube-apiserver's webhook (its own token),
    /// the OIDC issuer's documents (OIDC defines them), the OAuth/SCIM/web-portal endpoints other parts own, and
    /// the CLI's protobuf relay `/rpc/` (its contract is `proto/`).
    static func outsideTheDocument(_ route: String) -> Bool {
        let path = String(route.split(separator: " ").last ?? "")
        return path == "/api/v1/kubernetes/audit" || path.hasPrefix("/.well-known/") || path.hasPrefix("/openid/")
            || ["/token", "/authorize", "/device", "/login", "/logout", "/revoke", "/userinfo", "/callback", "/scim/", "/ui", "/rpc/"]
                .contains { path.hasPrefix($0) }
    }

    func testTheRouterAndTheDocumentListTheSameOperations() throws {
        let env = try TestEnvironment { $0.gateway.listen = "http://127.0.0.1:1" }
        defer { env.remove() }
        let routes = Set(try GatewayService.httpRoutes(config: env.config, logger: Logger(label: "test")))
            .filter { !Self.outsideTheDocument($0) }
        let document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(try Self.documentJSON())) as? [String: Any])
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        let documented = Set(paths.flatMap { path, item in
            item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
        XCTAssertFalse(routes.isEmpty)
        XCTAssertEqual(routes.subtracting(documented).sorted(), [], "routes the document does not describe")
        XCTAssertEqual(documented.subtracting(routes).sorted(), [], "documented operations no route serves")
    }

    func testTheEmbeddedDocumentIsTheCommittedFile() throws {
        let file = try String(contentsOfFile: Self.documentPath, encoding: .utf8)
        XCTAssertEqual(
            GatewayService.openAPIYAML.trimmingCharacters(in: .whitespacesAndNewlines),
            file.trimmingCharacters(in: .whitespacesAndNewlines), "run scripts/generate-openapi and commit")
    }

    /// The document as the gateway serves it (YAML → JSON through Yams at start).
    static func documentJSON() throws -> Data {
        let yaml = GatewayService.openAPIYAML
        return try GatewayService.openAPIJSON(yaml: yaml)
    }
}
