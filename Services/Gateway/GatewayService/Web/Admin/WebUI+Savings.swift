import BerthRPC
import Foundation
import Hummingbird

/// The savings report (berth-sleep's SavingsReport): per space and per team since a time, as a page or as the
/// REST API's CSV (`SavingsReportResource.csv`, the same columns as `GET /api/v1/reports/savings`).
extension WebUI {
    func savings(_ request: Request, _ session: WebSession, csv: Bool) async -> Response {
        let query = request.uri.queryParameters
        let filter = WebPages.SavingsFilter(since: String(query["since"] ?? "30d"), team: String(query["team"] ?? ""))
        let since: Int64
        do {
            since = try SleepEndpoints.since(filter.since, now: now())
        } catch {
            return Self.html(
                .unprocessableContent, WebPages.savings(nil, filter: filter, session: session, error: error.detail))
        }
        do {
            let report = try await sleep.unary(
                SleepV1.savingsReport, SleepV1.SavingsReportRequest(sinceUnixSeconds: since, team: filter.team),
                deadline: .seconds(10), metadata: session.forwardedMetadata)
            guard csv else { return Self.html(.ok, WebPages.savings(report, filter: filter, session: session)) }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"berth-savings.csv\"",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(string: SavingsReportResource(report).csv)))
        } catch {
            return Self.failure(error, session: session)
        }
    }
}
