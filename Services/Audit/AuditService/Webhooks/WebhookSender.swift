import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs one delivery, signed like the audit webhook sink so receivers verify both the same way:
///
///     X-Berth-Delivery: <delivery id>          (the same on every attempt: receivers deduplicate by it)
///     X-Berth-Event: <audit action>
///     X-Berth-Timestamp: <unix seconds>
///     X-Berth-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>
///
/// A receiver should refuse a timestamp more than a few minutes old (replay). 2xx is success; anything else, or
/// no answer within `timeout`, is a failed attempt.
struct WebhookSender: Sendable {
    var timeout: TimeInterval = 10

    struct Attempt: Sendable, Equatable {
        /// The HTTP status; 0 when there was no answer.
        var status: Int
        /// Why it failed; nil when delivered.
        var error: String?
    }

    func send(_ delivery: WebhookDelivery, to webhook: Webhook, timestamp: Int64) async -> Attempt {
        var request = URLRequest(url: webhook.url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(delivery.body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Berth-Webhook/1", forHTTPHeaderField: "User-Agent")
        request.setValue(delivery.id, forHTTPHeaderField: "X-Berth-Delivery")
        request.setValue(delivery.action, forHTTPHeaderField: "X-Berth-Event")
        request.setValue(String(timestamp), forHTTPHeaderField: "X-Berth-Timestamp")
        do {
            let signature = try WebhookSink.signature(secret: webhook.secret, timestamp: String(timestamp), body: delivery.body)
            request.setValue("v1=" + signature, forHTTPHeaderField: "X-Berth-Signature")
        } catch {
            return Attempt(status: 0, error: "cannot sign the delivery: \(error)")
        }
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else {
                return Attempt(status: status, error: "the receiver answered \(status)")
            }
            return Attempt(status: status, error: nil)
        } catch {
            return Attempt(status: 0, error: "POST \(webhook.url.absoluteString) failed: \(error.localizedDescription)")
        }
    }
}
