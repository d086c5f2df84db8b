import Logging
import Synchronization

/// Log records kept in memory, so a test can assert what was logged (a copy of SupervisorTests' `LogStore`:
/// test targets cannot share support files without moving them into BerthTesting).
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let records = Mutex<[Record]>([])

    var all: [Record] { records.withLock { $0 } }

    func logger() -> Logger {
        Logger(label: "test") { _ in Handler(logs: self) }
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
