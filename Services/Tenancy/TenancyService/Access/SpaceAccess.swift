import BerthModel

/// Who may do what to spaces: admins everything; a team's owners and members create spaces in it (within its
/// quota) and everyone in the team sees them; owners delete any of the team's spaces, members the ones they own;
/// a person sees and deletes their own personal spaces. Nobody else learns that a space exists: a space the
/// caller may not see answers "not found", never "forbidden", so names of other teams' spaces do not leak.
enum SpaceAccess {
    static func maySee(_ caller: Caller, _ space: Space, team: Team?) -> Bool {
        if caller.isAdmin { return true }
        if let team { return team.role(of: caller) != nil }
        return space.team == nil && space.owner == caller.username && caller.scopedTeams == nil
    }

    static func mayCreate(_ caller: Caller, in team: Team?) -> Bool {
        if caller.isAdmin { return true }
        guard let team else { return caller.scopedTeams == nil }  // a personal space, within the personal limit
        return [.owner, .member].contains(team.role(of: caller))
    }

    /// Delete or upgrade; asked only for a space the caller may see.
    static func mayChange(_ caller: Caller, _ space: Space, team: Team?) -> Bool {
        if caller.isAdmin { return true }
        guard let team else { return space.owner == caller.username && caller.scopedTeams == nil }
        switch team.role(of: caller) {
        case .owner: return true
        case .member: return space.owner == caller.username
        default: return false
        }
    }
}
