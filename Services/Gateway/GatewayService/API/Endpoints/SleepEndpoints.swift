import BerthRPC
import Foundation
import Hummingbird

/// Sleep and wake through the API: `GET /api/v1/spaces/{name}/sleep` (the state), `POST …/wake` (returns once
/// every object is restored, or 504 at the timeout — the controller then finishes it), `POST …/sleep`,
/// `POST …/keep-awake`, and `GET /api/v1/reports/savings` (JSON, or CSV with `Accept: text/csv` or
/// `?format=csv`). berth-sleep decides who may do what (through tenancy, with the caller's forwarded token).
struct SleepEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let sleep = routes.sleep
        group.get("spaces/{name}/sleep", use: routes.handle { request, context, caller in
            let state = try await sleep.unary(
                SleepV1.getSleepState, SleepV1.GetSleepStateRequest(space: try Self.ref(request, context)),
                metadata: caller.forwardedMetadata)
            return try .json(SleepStateResource(state))
        })
        group.post("spaces/{name}/wake", use: routes.post { request, data, context, caller in
            let body = data.isEmpty ? WakeBody() : try APIBody.decode(WakeBody.self, from: data)
            if let timeout = body.timeoutSeconds, !(1...600).contains(timeout) {
                throw APIProblem.invalid("timeoutSeconds must be 1 to 600")
            }
            let state = try await sleep.unary(
                SleepV1.wakeSpace,
                SleepV1.WakeSpaceRequest(space: try Self.ref(request, context), timeoutSeconds: body.timeoutSeconds ?? 0),
                deadline: .seconds(Int64(body.timeoutSeconds ?? 60) + 5), metadata: caller.forwardedMetadata)
            return try .json(SleepStateResource(state))
        })
        group.post("spaces/{name}/sleep", use: routes.post { request, data, context, caller in
            let body = data.isEmpty ? SleepBody() : try APIBody.decode(SleepBody.self, from: data)
            let state = try await sleep.unary(
                SleepV1.sleepSpace,
                SleepV1.SleepSpaceRequest(space: try Self.ref(request, context), preventWake: body.preventWake ?? false),
                deadline: .seconds(120), metadata: caller.forwardedMetadata)
            return try .json(SleepStateResource(state))
        })
        group.post("spaces/{name}/keep-awake", use: routes.post { request, data, context, caller in
            let body = try APIBody.decode(KeepAwakeBody.self, from: data)
            let until = try APITime.unixNanos(body.until, parameter: "until") / 1_000_000_000
            let state = try await sleep.unary(
                SleepV1.keepAwake, SleepV1.KeepAwakeRequest(space: try Self.ref(request, context), untilUnixSeconds: until),
                metadata: caller.forwardedMetadata)
            return try .json(SleepStateResource(state))
        })
        group.get("reports/savings", use: routes.handle { request, _, caller in
            let since = try Self.since(request.queryString("since"), now: Date())
            let format = try request.queryChoice("format", ["json", "csv"])
            let report = SavingsReportResource(
                try await sleep.unary(
                    SleepV1.savingsReport, SleepV1.SavingsReportRequest(sinceUnixSeconds: since, team: request.queryString("team")),
                    metadata: caller.forwardedMetadata))
            let wantsCSV = format == "csv" || (format == nil && (request.headers[.accept] ?? "").contains("text/csv"))
            guard wantsCSV else { return try .json(report) }
            var reply = APIReply(status: .ok, body: Data(report.csv.utf8))
            reply.contentType = "text/csv; charset=utf-8"
            return reply
        })
    }

    static func ref(_ request: Request, _ context: GatewayRequestContext) throws(APIProblem) -> SleepV1.SpaceRef {
        SleepV1.SpaceRef(cluster: request.queryString("cluster"), name: try context.name())
    }

    /// `?since=`: a duration back from now (`30d`, `12h`, `90m`; default 30d) or an RFC 3339 time.
    static func since(_ text: String, now: Date) throws(APIProblem) -> Int64 {
        let value = text.isEmpty ? "30d" : text
        if let unit = value.last, let amount = Int64(value.dropLast()), amount > 0, amount <= 3650 * 24 * 60 {
            let seconds: Int64? =
                switch unit {
                case "d": amount * 86_400
                case "h": amount * 3_600
                case "m": amount * 60
                default: nil
                }
            if let seconds { return max(Int64(now.timeIntervalSince1970) - seconds, 0) }
        }
        return try APITime.unixNanos(value, parameter: "since") / 1_000_000_000
    }
}
