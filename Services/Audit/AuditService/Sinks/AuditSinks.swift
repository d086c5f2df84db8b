import BerthRuntime
import Foundation

/// The sinks `audit.sinks` configures (any combination; none by default).
enum AuditSinks {
    static func configured(_ config: BerthConfig.Audit, now: @escaping @Sendable () -> Date) throws -> [any AuditSink] {
        var sinks: [any AuditSink] = []
        if !config.fileSinkPath.isEmpty {
            sinks.append(FileSink(path: config.fileSinkPath, maxBytes: max(config.fileSinkMaxBytes, 1)))
        }
        if !config.syslogSinkAddress.isEmpty {
            sinks.append(SyslogSink(address: try SyslogAddress(config.syslogSinkAddress)))
        }
        if !config.webhookSinkURL.isEmpty {
            guard let url = URL(string: config.webhookSinkURL), url.scheme == "http" || url.scheme == "https" else {
                throw AuditError.sink(
                    "webhook", "audit.sinks.webhook.url \"\(config.webhookSinkURL)\" is not an http(s) URL: fix it")
            }
            guard !config.webhookSinkSecretFile.isEmpty,
                let secret = FileManager.default.contents(atPath: config.webhookSinkSecretFile), !secret.isEmpty
            else {
                throw AuditError.sink(
                    "webhook",
                    "audit.sinks.webhook.secretFile \"\(config.webhookSinkSecretFile)\" is unset, unreadable or empty: "
                        + "point it at a file holding the HMAC secret (readable only by berth)")
            }
            // A trailing newline from `echo secret > file` is not part of the secret.
            let trimmed = secret.last == 0x0A ? secret.dropLast() : secret[...]
            sinks.append(WebhookSink(url: url, secret: [UInt8](trimmed), now: now))
        }
        return sinks
    }
}
