import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A successful API answer before it becomes a `Response`: a JSON body, its status and, for a 201, the
/// `Location` of what was created. Kept as plain values so an idempotent POST can store and replay it.
struct APIReply: Sendable {
    var status: HTTPResponse.Status
    var body: Data
    var location: String?
    var contentType = "application/json"
    /// Further headers (`Retry-After`, `WWW-Authenticate`, `Idempotent-Replayed`).
    var headers: HTTPFields = [:]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<Value: Encodable>(
        _ value: Value, status: HTTPResponse.Status = .ok, location: String? = nil
    ) throws -> APIReply {
        APIReply(status: status, body: try encoder.encode(value), location: location)
    }

    static let noContent = APIReply(status: .noContent, body: Data())

    var response: Response {
        var headers = self.headers
        if !body.isEmpty { headers[.contentType] = contentType }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: body)))
    }
}

/// A page of a list: the items and the cursor of the next page (absent on the last page).
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    let nextCursor: String?
}
