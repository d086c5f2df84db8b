import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A SCIM error answer (RFC 7644 §3.12): the error schema, the status as a string, a `scimType` for 400 and 409.
struct SCIMError: Error, Sendable {
    let status: HTTPResponse.Status
    let scimType: String?
    let detail: String

    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    static func invalidFilter(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidFilter", detail: detail) }
    static func invalidPath(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidPath", detail: detail) }
    static func invalidValue(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidValue", detail: detail) }
    static func invalidSyntax(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidSyntax", detail: detail) }
    static func notFound(_ detail: String) -> SCIMError { SCIMError(status: .notFound, scimType: nil, detail: detail) }

    var response: Response {
        var object: [String: Any] = ["schemas": [Self.errorSchema], "status": String(status.code), "detail": detail]
        if let scimType { object["scimType"] = scimType }
        var response = SCIMResponse.json(status, object)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}

/// `application/scim+json` answers.
enum SCIMResponse {
    static let contentType = "application/scim+json"

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any], location: String? = nil) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: contentType]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}
