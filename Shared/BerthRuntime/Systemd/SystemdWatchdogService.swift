import Logging
import ServiceLifecycle

/// Sends `WATCHDOG=1` at half of systemd's `WatchdogSec=` until graceful shutdown, as one `Service` in the
/// daemon's `ServiceGroup`. When the watchdog is off (no `$WATCHDOG_USEC`, or `supervisor.watchdog: false`)
/// it idles until shutdown instead of returning, because a service that returns early ends the whole group.
///
/// Put it after the services it vouches for: a daemon that cannot start them never pings, and systemd
/// restarts it.
public struct SystemdWatchdogService<C: Clock>: Service where C.Duration == Duration {
    private let notifier: SystemdNotifier
    private let enabled: Bool
    private let clock: C
    private let logger: Logger

    public init(notifier: SystemdNotifier, enabled: Bool, clock: C, logger: Logger) {
        self.notifier = notifier
        self.enabled = enabled
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        guard enabled, notifier.isEnabled, let period = notifier.watchdogPingInterval else {
            try? await gracefulShutdown()
            return
        }
        logger.info("systemd watchdog enabled", metadata: ["ping_interval": "\(period)"])
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try notifier.watchdog()
            } catch {
                // Keep trying: a missed ping costs a restart, which is what the watchdog is for anyway.
                logger.warning("systemd watchdog ping failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: period) }
            } catch {
                return  // cancelled or shutting down
            }
        }
    }
}

extension SystemdWatchdogService where C == ContinuousClock {
    public init(notifier: SystemdNotifier, enabled: Bool, logger: Logger) {
        self.init(notifier: notifier, enabled: enabled, clock: ContinuousClock(), logger: logger)
    }
}
