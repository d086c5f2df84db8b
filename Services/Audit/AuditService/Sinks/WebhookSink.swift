import BerthCrypto
import BerthRPC
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs records as JSON (`{"records": [...]}`) to a URL, signed so the receiver can check origin and freshness:
///
///     X-Berth-Timestamp: <unix seconds>
///     X-Berth-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>
///
/// Any answer but 2xx (or no answer within 10 s) is a failure; the pump retries the same records with backoff.
struct WebhookSink: AuditSink {
    let url: URL
    let secret: [UInt8]
    let now: @Sendable () -> Date
    var name: String { "webhook" }

    struct Body: Encodable {
        let records: [ExportedRecord]
    }

    func deliver(_ records: [AuditV1.Record]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(records: records.map(ExportedRecord.init)))
        let timestamp = String(Int64(now().timeIntervalSince1970))
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(timestamp, forHTTPHeaderField: "X-Berth-Timestamp")
        request.setValue("v1=" + (try Self.signature(secret: secret, timestamp: timestamp, body: [UInt8](body))),
            forHTTPHeaderField: "X-Berth-Signature")
        let response: URLResponse
        do {
            (_, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw AuditError.sink(name, "POST \(url.absoluteString) failed: \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw AuditError.sink(name, "POST \(url.absoluteString) answered \(status): the receiver refused the records")
        }
    }

    /// Hex HMAC-SHA256 over `timestamp + "." + body`.
    static func signature(secret: [UInt8], timestamp: String, body: [UInt8]) throws -> String {
        try HMACSHA256.authenticationCode(key: secret, message: Array((timestamp + ".").utf8) + body).hexString
    }
}
