/// The directory the LDAP tests log in against (`dc=example,dc=com`), as LDIF:
/// - users alice (developers; ops via memberUid), bob (ops only), and `*)(uid=*` (an injection attempt as a
///   username, entry `cn=injector`); passwords are `<name>-pw`, the injector's `inject-pw`;
/// - groupOfNames `developers` ∋ alice, `engineering` ∋ developers, `everyone` ∋ engineering (nested twice);
/// - a cycle: `loop-a` ∋ alice, loop-b; `loop-b` ∋ loop-a;
/// - posixGroup `ops` with memberUid bob and alice.
public enum SlapdDirectory {
    public static let suffix = "dc=example,dc=com"
    public static let people = "ou=people,dc=example,dc=com"
    public static let groups = "ou=groups,dc=example,dc=com"
    public static let injectionUsername = "*)(uid=*"

    public static let ldif = """
        dn: dc=example,dc=com
        objectClass: dcObject
        objectClass: organization
        o: Example
        dc: example

        dn: ou=people,dc=example,dc=com
        objectClass: organizationalUnit
        ou: people

        dn: ou=groups,dc=example,dc=com
        objectClass: organizationalUnit
        ou: groups

        \(person("alice", cn: "Alice Liddell", uidNumber: 1001, rdn: "uid=alice"))
        \(person("bob", cn: "Bob Builder", uidNumber: 1002, rdn: "uid=bob"))
        \(person(injectionUsername, cn: "injector", uidNumber: 1003, rdn: "cn=injector", password: "inject-pw"))
        dn: cn=developers,ou=groups,dc=example,dc=com
        objectClass: groupOfNames
        cn: developers
        member: uid=alice,ou=people,dc=example,dc=com

        dn: cn=engineering,ou=groups,dc=example,dc=com
        objectClass: groupOfNames
        cn: engineering
        member: cn=developers,ou=groups,dc=example,dc=com

        dn: cn=everyone,ou=groups,dc=example,dc=com
        objectClass: groupOfNames
        cn: everyone
        member: cn=engineering,ou=groups,dc=example,dc=com

        dn: cn=loop-a,ou=groups,dc=example,dc=com
        objectClass: groupOfNames
        cn: loop-a
        member: uid=alice,ou=people,dc=example,dc=com
        member: cn=loop-b,ou=groups,dc=example,dc=com

        dn: cn=loop-b,ou=groups,dc=example,dc=com
        objectClass: groupOfNames
        cn: loop-b
        member: cn=loop-a,ou=groups,dc=example,dc=com

        dn: cn=ops,ou=groups,dc=example,dc=com
        objectClass: posixGroup
        cn: ops
        gidNumber: 5000
        memberUid: bob
        memberUid: alice

        """

    static func person(_ uid: String, cn: String, uidNumber: Int, rdn: String, password: String? = nil) -> String {
        """
        dn: \(rdn),ou=people,dc=example,dc=com
        objectClass: inetOrgPerson
        objectClass: posixAccount
        uid: \(uid)
        cn: \(cn)
        sn: \(cn.split(separator: " ").last.map(String.init) ?? cn)
        mail: \(uid.filter { $0.isLetter })@example.com
        uidNumber: \(uidNumber)
        gidNumber: 5000
        homeDirectory: /home/\(uidNumber)
        userPassword: \(password ?? uid + "-pw")

        """
    }
}
