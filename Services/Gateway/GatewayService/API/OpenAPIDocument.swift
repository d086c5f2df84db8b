import Foundation
import Hummingbird
import NIOCore
import Yams

/// The OpenAPI 3.1 document, the API's contract. The source is `Services/Gateway/openapi.yaml`;
/// `scripts/generate-openapi` embeds it in `OpenAPIText/` (committed parts; a test fails on drift), so
/// the executable needs no resource file. It is converted to JSON once at start and served at
/// `GET /api/v1/openapi.json`, without authentication.
struct OpenAPIDocument: Sendable {
    static let path = "api/v1/openapi.json"
    let json: ByteBuffer

    static func load(yaml: String = OpenAPIDocument.yaml) throws -> OpenAPIDocument {
        let object: Any?
        do {
            object = try Yams.load(yaml: yaml)
        } catch {
            throw GatewayError(message: "the embedded OpenAPI document is not YAML (\(error)): run scripts/generate-openapi")
        }
        guard let object, JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else {
            throw GatewayError(
                message: "the embedded OpenAPI document does not convert to JSON: quote keys such as response codes "
                    + "in Services/Gateway/openapi.yaml and run scripts/generate-openapi")
        }
        return OpenAPIDocument(json: ByteBuffer(data: data))
    }

    func register(on router: Router<GatewayRequestContext>) {
        let json = self.json
        router.get(RouterPath(Self.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: json))
        }
    }
}
