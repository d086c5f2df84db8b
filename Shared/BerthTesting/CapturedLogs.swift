import Logging
import Synchronization

/// Log records kept in memory, so that a test can assert what was logged (one structured line per event: the
/// level, the message and the metadata). No global `LoggingSystem.bootstrap`: each logger writes here.
public final class CapturedLogs: Sendable {
    public struct Record: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    private let records = Mutex<[Record]>([])

    public init() {}

    public var all: [Record] { records.withLock { $0 } }

    /// Each record as one line, `level message key=value …` with the keys sorted.
    public var lines: [String] {
        all.map { record in
            "\(record.level) \(record.message) "
                + record.metadata.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
        }
    }

    public func logger(label: String = "test") -> Logger {
        Logger(label: label) { _ in Handler(logs: self) }
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let record = Record(level: event.level, message: event.message.description, metadata: merged.mapValues { "\($0)" })
            logs.records.withLock { $0.append(record) }
        }
    }
}
