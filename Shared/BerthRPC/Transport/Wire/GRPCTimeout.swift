import GRPCCore

/// Reads the `grpc-timeout` request header ("<digits><unit>", unit H M S m u n) into a deadline.
enum GRPCTimeout {
    static func deadline(from metadata: Metadata, now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        guard let text = metadata[stringValues: "grpc-timeout"].first(where: { _ in true }),
            let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0
        else { return nil }
        let duration: Duration
        switch unit {
        case "H": duration = .seconds(amount * 3600)
        case "M": duration = .seconds(amount * 60)
        case "S": duration = .seconds(amount)
        case "m": duration = .milliseconds(amount)
        case "u": duration = .microseconds(amount)
        case "n": duration = .nanoseconds(amount)
        default: return nil
        }
        return now + duration
    }
}
