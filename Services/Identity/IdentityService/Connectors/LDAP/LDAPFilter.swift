/// LDAP search filters (RFC 4515). Every value that comes from a person (a username, an attribute value read
/// back from the directory) goes through `escape` before it is placed in a filter.
enum LDAPFilter {
    /// RFC 4515 §3: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`. Everything else is
    /// kept (UTF-8 is allowed in assertion values).
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": out += "\\2a"
            case "(": out += "\\28"
            case ")": out += "\\29"
            case "\\": out += "\\5c"
            case "\0": out += "\\00"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `(attribute=value)` with the value escaped.
    static func equals(_ attribute: String, _ value: String) -> String { "(\(attribute)=\(escape(value)))" }

    /// `(&<base>(attribute=value))`: the configured filter narrowed by one escaped equality.
    static func and(_ base: String, _ attribute: String, _ value: String) -> String {
        "(&\(base)\(equals(attribute, value)))"
    }

    /// A configured filter must be parenthesised and balanced (a typo otherwise becomes a confusing
    /// "Bad search filter" at the first login).
    static func checked(_ filter: String, _ reader: SettingsReader, _ name: String) throws(IdentityError) -> String {
        var depth = 0
        var escaped = false
        for character in filter {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { break }
            default: break
            }
            if depth < 0 { break }
        }
        guard filter.hasPrefix("("), filter.hasSuffix(")"), depth == 0 else {
            throw reader.problem(name, "\"\(filter)\" is not a parenthesised LDAP filter, e.g. (objectClass=person)")
        }
        return filter
    }
}
