import BerthKube

/// What a space takes out of its team's quota: the `hard` amounts of the ResourceQuota its template gives it
/// (after its parameter values). A template without a quota counts as unlimited, which a team with an amount
/// limit refuses (it could not be summed).
struct SpaceUsage: Sendable, Equatable {
    var cpu: Quantity?
    var memory: Quantity?
    var storage: Quantity?

    static let zero = SpaceUsage(cpu: Quantity(value: 0), memory: Quantity(value: 0), storage: Quantity(value: 0))

    static func of(template: SpaceTemplate, values: [String: String], space: String, team: String, owner: String) -> SpaceUsage {
        guard let quota = template.quota else { return SpaceUsage() }
        var all = ["space": space, "team": team, "owner": owner]
        for parameter in template.parameters { all[parameter.name] = values[parameter.name] ?? parameter.defaultValue }
        let substitution = TemplateSubstitution(values: all)
        func amount(_ text: String?) -> Quantity? {
            guard let text, let value = try? substitution.apply(text, line: nil) else { return nil }
            return Quantity(value)
        }
        return SpaceUsage(cpu: amount(quota.cpu), memory: amount(quota.memory), storage: amount(quota.storage))
    }

    static func + (lhs: SpaceUsage, rhs: SpaceUsage) -> SpaceUsage {
        func add(_ a: Quantity?, _ b: Quantity?) -> Quantity? { a.flatMap { a in b.map { a + $0 } } }
        return SpaceUsage(cpu: add(lhs.cpu, rhs.cpu), memory: add(lhs.memory, rhs.memory), storage: add(lhs.storage, rhs.storage))
    }

    /// Why `used + asked` passes `quota` (used, asked and the limit, per resource), or nil when it fits.
    static func excess(team: String, quota: TeamQuota, spaces: Int, used: SpaceUsage, asked: SpaceUsage) -> String? {
        if let max = quota.maxSpaces, spaces + 1 > max {
            return "team \(team) has \(spaces) spaces, the limit is \(max): delete one, or ask an admin to raise the team's quota"
        }
        let total = used + asked
        let checks: [(String, String?, Quantity?, Quantity?, Quantity?)] = [
            ("cpu", quota.cpu, used.cpu, asked.cpu, total.cpu), ("memory", quota.memory, used.memory, asked.memory, total.memory),
            ("storage", quota.storage, used.storage, asked.storage, total.storage),
        ]
        for (resource, limitText, usedAmount, askedAmount, totalAmount) in checks {
            guard let limitText, let limit = Quantity(limitText) else { continue }
            guard let totalAmount, let usedAmount, let askedAmount else {
                return "team \(team) limits \(resource) to \(limitText), but a template without a \(resource) quota "
                    + "cannot be counted against it: use a template that sets one"
            }
            if totalAmount > limit {
                return "team \(team) would use \(totalAmount.canonical) \(resource) of its \(limitText) limit "
                    + "(used \(usedAmount.canonical), asked \(askedAmount.canonical)): ask for less (--set \(resource)=…), "
                    + "delete a space, or ask an admin to raise the team's quota"
            }
        }
        return nil
    }
}
