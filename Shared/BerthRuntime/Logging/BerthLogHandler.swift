import Foundation
import Logging

/// Berth's swift-log handler: one line per event, logfmt or JSON, to a `LogLineWriter` (stderr in
/// production). A value type, as swift-log requires: metadata and level changes affect only this logger.
public struct BerthLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let formatter: LogLineFormatter
    private let writer: any LogLineWriter
    private let now: @Sendable () -> Date

    public init(
        label: String, level: Logger.Level, format: LogFormat, writer: any LogLineWriter = FileDescriptorLogWriter.standardError,
        metadataProvider: Logger.MetadataProvider? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = level
        self.formatter = LogLineFormatter(format: format)
        self.writer = writer
        self.metadataProvider = metadataProvider
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Precedence, lowest first: provider (task-local context), the logger's metadata, the call's metadata.
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { _, new in new }
        if let callMetadata = event.metadata { merged.merge(callMetadata) { _, new in new } }
        writer.write(
            line: formatter.format(
                timestamp: now(), level: event.level, label: label, message: event.message.description,
                metadata: merged, error: event.error))
    }
}
