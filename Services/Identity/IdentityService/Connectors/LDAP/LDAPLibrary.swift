import CLDAP

/// Facts about the libldap this process loaded (logged at start, so an operator sees which OpenLDAP client
/// library talks to their directory).
enum LDAPLibrary {
    /// e.g. "OpenLDAP 20513 (API 3001)"; "unknown" if the library does not answer.
    static func describe() -> String {
        var info = LDAPAPIInfo()
        info.ldapai_info_version = LDAP_API_INFO_VERSION
        guard ldap_get_option(nil, LDAP_OPT_API_INFO, &info) == LDAP_OPT_SUCCESS else { return "unknown" }
        defer {
            ldap_memfree(info.ldapai_vendor_name)
            info.ldapai_extensions.map { ldap_memvfree(UnsafeMutableRawPointer($0).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)) }
        }
        let vendor = info.ldapai_vendor_name.map { String(cString: $0) } ?? "unknown vendor"
        return "\(vendor) \(info.ldapai_vendor_version) (API \(info.ldapai_api_version))"
    }
}
