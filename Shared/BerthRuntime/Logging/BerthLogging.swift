import BerthModel
import Logging

/// Process-wide logging setup, called once at the top of every executable's `run()`.
public enum BerthLogging {
    /// Installs `BerthLogHandler` for every logger in the process and returns the service's own logger,
    /// labelled `berth.<service>` (`berth.audit`, `berth.supervisor`).
    ///
    /// swift-log allows one bootstrap per process: call this once, from the executable, never from a library
    /// or a test (tests build a `Logger` with a `BerthLogHandler` directly).
    public static func bootstrap(
        service: String, level: Logger.Level, format: LogFormat,
        writer: any LogLineWriter = FileDescriptorLogWriter.standardError
    ) -> Logger {
        LoggingSystem.bootstrap(
            { label, provider in
                BerthLogHandler(label: label, level: level, format: format, writer: writer, metadataProvider: provider)
            }, metadataProvider: nil)
        return Logger(label: loggerLabel(service: service))
    }

    /// Same, from the loaded config.
    public static func bootstrap(service: ServiceName, config: BerthConfig) -> Logger {
        bootstrap(service: service.rawValue, level: config.log.level, format: config.log.format)
    }

    /// `berth.<service>`; a name already starting with `berth.` is kept as it is.
    public static func loggerLabel(service: String) -> String {
        service.hasPrefix("berth.") ? service : "berth.\(service)"
    }
}
