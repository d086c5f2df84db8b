/// A point-in-time view of every child, in start order: what `berthd status` prints.
public struct SupervisorSnapshot: Sendable, Hashable, Codable {
    public var services: [ChildStatus]

    public init(services: [ChildStatus]) {
        self.services = services
    }

    /// The status of the child called `name`, if the supervisor runs one.
    public subscript(name: String) -> ChildStatus? {
        services.first { $0.name == name }
    }

    /// True when every child is serving.
    public var allServing: Bool { services.allSatisfy { $0.state == .serving } }
}

extension SupervisorSnapshot: CustomStringConvertible {
    /// A fixed-width table, one line per child:
    /// `audit  serving  pid 4242  restarts 0  up 3m12s  last exit: signal 9 (KILL)`.
    public var description: String {
        let nameWidth = services.map(\.name.count).max() ?? 0
        return services.map { status in
            var fields = [
                status.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0),
                status.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0),
                status.pid.map { "pid \($0)" } ?? "pid -",
                "restarts \(status.restarts)",
                "up \(status.uptime.map(Self.format) ?? "-")",
            ]
            if status.crashLoop { fields.append("CRASH LOOP") }
            if let next = status.nextRestartIn { fields.append("restart in \(Self.format(next))") }
            if let exit = status.lastExit { fields.append("last exit: \(exit)") }
            return fields.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 10_000 { return "\(Double(milliseconds) / 1000)s" }
        let seconds = milliseconds / 1000
        let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        return hours > 0 ? "\(hours)h\(minutes)m\(rest)s" : "\(minutes)m\(rest)s"
    }
}
