import ServiceLifecycle

/// Pings systemd's watchdog (WATCHDOG=1) at half of `WatchdogSec=` while the process runs. Exists only when
/// systemd asked for it (`$WATCHDOG_USEC` set for this pid).
public struct SystemdWatchdog: Service {
    let notifier: SystemdNotifier
    let interval: Duration

    public init?(notifier: SystemdNotifier) {
        guard notifier.isEnabled, let interval = notifier.watchdogPingInterval else { return nil }
        self.notifier = notifier
        self.interval = interval
    }

    public func run() async throws {
        // A graceful shutdown ends the loop (cancelOnGracefulShutdown); systemd stops expecting pings after
        // STOPPING=1.
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? notifier.watchdog()
                try await Task.sleep(for: interval)
            }
        }
    }
}
