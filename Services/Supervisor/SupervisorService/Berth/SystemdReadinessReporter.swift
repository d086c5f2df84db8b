import BerthRuntime

/// Tells systemd (Type=notify) how berthd is doing: READY=1 once every service serves, STOPPING=1 at shutdown,
/// STATUS= the one-line summary `systemctl status berthd` shows. A no-op without `$NOTIFY_SOCKET`.
struct SystemdReadinessReporter: ReadinessReporter {
    let notifier: SystemdNotifier

    // A failed notification is not worth stopping for: systemd times the start out and says so itself.
    func allServing() async { try? notifier.ready() }
    func stopping() async { try? notifier.stopping() }
    func status(_ text: String) async { try? notifier.status(text) }
}
