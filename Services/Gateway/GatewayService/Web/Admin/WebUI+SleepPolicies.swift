import BerthRPC
import Hummingbird

/// The sleep policy of one level (cluster, team or space): what it sets, editable, and the effective values
/// with the level each comes from. berth-sleep validates (windows, time zones, durations); its message is shown
/// beside the form, which keeps what was typed.
extension WebUI {
    func sleepPolicy(_ request: Request, _ session: WebSession) async -> Response {
        let query = request.uri.queryParameters
        let target = WebPages.PolicyTarget(
            level: String(query["level"] ?? ""), cluster: String(query["cluster"] ?? ""), name: String(query["name"] ?? ""))
        return await sleepPolicy(target, session)
    }

    func sleepPolicy(
        _ target: WebPages.PolicyTarget, _ session: WebSession, typed: SleepV1.SleepPolicy? = nil, notice: String? = nil,
        error: String? = nil
    ) async -> Response {
        guard !target.level.isEmpty else {
            return Self.html(.ok, WebPages.sleepPolicy(target, view: nil, typed: nil, session: session))
        }
        do {
            let view = try await sleep.unary(
                SleepV1.getSleepPolicy,
                SleepV1.GetSleepPolicyRequest(level: target.level, cluster: target.cluster, name: target.name),
                deadline: .seconds(5), metadata: session.forwardedMetadata)
            return Self.html(
                error == nil ? .ok : .unprocessableContent,
                WebPages.sleepPolicy(target, view: view, typed: typed, session: session, notice: notice, error: error))
        } catch {
            // An unknown level, cluster or name: the chooser again, with what berth-sleep said.
            return Self.html(
                .unprocessableContent,
                WebPages.sleepPolicy(target, view: nil, typed: nil, session: session, error: error.message))
        }
    }

    func setSleepPolicy(_ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.checkedForm(request, session) else { return Self.forbidden(session) }
        let target = WebPages.PolicyTarget(level: form["level"] ?? "", cluster: form["cluster"] ?? "", name: form["name"] ?? "")
        let policy = SleepV1.SleepPolicy(
            sleepAfter: Self.trimmed(form["sleepAfter"]),
            windows: (form["windows"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            deleteAfter: Self.trimmed(form["deleteAfter"]), deleteWarning: Self.trimmed(form["deleteWarning"]),
            preventWake: Self.trimmed(form["preventWake"]), keepAwakeUntil: Self.trimmed(form["keepAwakeUntil"]))
        do {
            _ = try await sleep.unary(
                SleepV1.setSleepPolicy,
                SleepV1.SetSleepPolicyRequest(level: target.level, cluster: target.cluster, name: target.name, policy: policy),
                deadline: .seconds(5), metadata: session.forwardedMetadata)
            return await sleepPolicy(target, session, notice: "The sleep policy of \(target.description) is saved.")
        } catch {
            return await sleepPolicy(target, session, typed: policy, error: error.message)
        }
    }

    static func trimmed(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespaces) }
}
