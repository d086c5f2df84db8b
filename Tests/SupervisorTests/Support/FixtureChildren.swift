import Foundation
import SupervisorService
import XCTest

/// Real child programs for the supervisor tests: one Python script (the system /usr/bin/python3) whose
/// behaviour is chosen by `Mode`. It appends `start|ready|term|grandchild <name> …` lines to an events file
/// (O_APPEND, one write per line, so lines from several processes interleave whole and in order) and serves
/// by listening on its Unix socket, which `SocketConnectProbe` checks.
final class FixtureChildren: Sendable {
    enum Mode: String {
        /// Listen on the socket (after `readyDelay`), fork a `sleep` grandchild, exit 0 on SIGTERM.
        case serve
        /// Write a line to stderr and exit 3 at once.
        case exit
        /// Like `serve`, but SIGTERM is only recorded, not obeyed.
        case ignoreTerm = "ignoreterm"
        /// Never listen.
        case neverReady = "neverready"
        /// Write to stdout and stderr (ending in a partial line), serve briefly, exit 0.
        case talk
        /// Exit 3 at once for the first `FIXTURE_CRASHES` starts (counted in the events file), then serve.
        case crashFirst = "crashfirst"
    }

    let directory: URL
    let eventsPath: String
    private let scriptPath: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("berth-supervisor-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        eventsPath = directory.appendingPathComponent("events.log").path
        scriptPath = directory.appendingPathComponent("child.py").path
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    func child(_ name: String, _ mode: Mode = .serve, readyDelay: Double = 0, crashes: Int = 0) -> ChildSpec {
        ChildSpec(
            name: name, executable: "/usr/bin/python3", arguments: ["-u", scriptPath],
            environment: [
                "FIXTURE_NAME": name, "FIXTURE_MODE": mode.rawValue, "FIXTURE_EVENTS": eventsPath,
                "FIXTURE_READY_DELAY": "\(readyDelay)", "FIXTURE_CRASHES": "\(crashes)",
                "FIXTURE_SOCKET": directory.appendingPathComponent("\(name).sock").path,
            ],
            socketPath: directory.appendingPathComponent("\(name).sock").path)
    }

    /// The events file, one entry per line, split into words.
    func events() -> [[String]] {
        guard let text = try? String(contentsOfFile: eventsPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }

    /// Pids of the `sleep` grandchildren each child forked.
    func grandchildPids() -> [Int32] {
        events().filter { $0.first == "grandchild" && $0.count == 3 }.compactMap { Int32($0[2]) }
    }

    private static let script = #"""
        import os, signal, socket, subprocess, sys, threading, time

        name = os.environ["FIXTURE_NAME"]
        mode = os.environ["FIXTURE_MODE"]
        events = os.environ["FIXTURE_EVENTS"]
        path = os.environ["FIXTURE_SOCKET"]

        def event(text):
            fd = os.open(events, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(fd, (text + "\n").encode())
            os.close(fd)

        def on_term(signum, frame):
            event("term " + name)
            if mode != "ignoreterm":
                os._exit(0)

        signal.signal(signal.SIGTERM, on_term)
        event("start %s %d" % (name, os.getpid()))

        if mode == "crashfirst":
            with open(events) as lines:
                starts = sum(1 for line in lines if line.startswith("start " + name + " "))
            if starts <= int(os.environ["FIXTURE_CRASHES"]):
                sys.exit(3)
        if mode == "exit":
            sys.stderr.write(name + " giving up\n")
            sys.exit(3)
        if mode == "talk":
            sys.stdout.write("out line\n")
            sys.stderr.write("err line 1\nerr line 2\npartial without newline")
            sys.stdout.flush()
            sys.stderr.flush()
        if mode in ("serve", "ignoreterm"):
            grandchild = subprocess.Popen(["sleep", "1000"])
            event("grandchild %s %d" % (name, grandchild.pid))

        time.sleep(float(os.environ.get("FIXTURE_READY_DELAY", "0")))
        if mode != "neverready":
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(path)
            listener.listen(64)
            def accept_all():
                while True:
                    connection, _ = listener.accept()
                    connection.close()
            threading.Thread(target=accept_all, daemon=True).start()
            event("ready " + name)
        if mode == "talk":
            time.sleep(0.2)
            sys.exit(0)
        while True:
            time.sleep(1)
        """#
}
