import BerthModel

/// Who may do what to spaces: admins everything; a team's members create, see and delete the team's spaces;
/// a person sees and deletes their own personal spaces. Nobody else learns that a space exists: a space the
/// caller may not see answers "not found", never "forbidden", so names of other teams' spaces do not leak.
enum SpaceAccess {
    /// Whether `caller` belongs to `team` (one of the team's directory groups is one of the caller's groups).
    static func isMember(_ caller: Caller, of team: Team) -> Bool {
        !caller.groups.isDisjoint(with: team.groups)
    }

    static func maySee(_ caller: Caller, _ space: Space, team: Team?) -> Bool {
        if caller.isAdmin { return true }
        if let team { return isMember(caller, of: team) }
        return space.team == nil && space.owner == caller.username
    }

    static func mayCreate(_ caller: Caller, in team: Team?) -> Bool {
        if caller.isAdmin { return true }
        guard let team else { return true }  // a personal space, within the personal limit
        return isMember(caller, of: team)
    }

    static func mayDelete(_ caller: Caller, _ space: Space, team: Team?) -> Bool {
        maySee(caller, space, team: team)
    }
}
