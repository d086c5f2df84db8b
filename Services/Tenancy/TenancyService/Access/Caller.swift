import BerthRuntime

/// Who is calling a tenancy RPC: the `Principal` the shared `PrincipalResolver` found (a person by their Berth
/// token, or a local account the host vouches for). Tenancy's rules read it through this name.
typealias Caller = Principal

extension Principal {
    /// Throws `permissionDenied` unless the caller is an admin; `action` completes "only admins may …".
    func requireAdmin(to action: String) throws(TenancyError) {
        guard isAdmin else {
            throw TenancyError(
                code: .permissionDenied,
                message: "only Berth admins may \(action); \(username) is not one (ask a member of berth-admins)")
        }
    }
}
