import Foundation

extension KubeError {
    /// The typed error for a non-2xx answer: the Status body when there is one, else the HTTP status alone.
    static func fromResponse(status: Int, body: Data, retryAfterHeader: String?, what: String) -> KubeError {
        let json = try? JSONValue.decode(body)
        let isStatus = json?["kind"]?.stringValue == "Status"
        let reason = isStatus ? json?["reason"]?.stringValue : nil
        let serverMessage = isStatus ? json?["message"]?.stringValue : nil
        let causes =
            (isStatus ? json?[path: ["details", "causes"]]?.arrayValue : nil)?.map {
                Cause(
                    reason: $0["reason"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "",
                    field: $0["field"]?.stringValue ?? "")
            } ?? []
        var retryAfter = retryAfterHeader.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map {
            Duration.seconds($0)
        }
        if retryAfter == nil, let seconds = json?[path: ["details", "retryAfterSeconds"]]?.intValue {
            retryAfter = .seconds(seconds)
        }
        let code: Code =
            switch (status, reason) {
            case (409, "AlreadyExists"): .alreadyExists
            case (409, _): .conflict
            case (404, _): .notFound
            case (422, _): .invalid
            case (403, _): .forbidden
            case (401, _): .unauthorized
            case (410, _): .gone
            case (429, _): .tooManyRequests
            case (400, _): .badRequest
            case (405, _): .methodNotAllowed
            case (504, _), (408, _): .timeout
            case (500..., _): .serverError
            default: .badResponse
            }
        let detail = serverMessage ?? String(decoding: body.prefix(200), as: UTF8.self)
        return KubeError(
            code, "\(what): \(detail.isEmpty ? "HTTP \(status)" : detail)", httpStatus: status,
            reason: reason, causes: causes, retryAfter: retryAfter)
    }
}
