import CLDAP

/// libldap result codes Berth tells apart.
enum LDAPResultCode {
    static let success: Int32 = LDAP_SUCCESS
    static let invalidCredentials: Int32 = LDAP_INVALID_CREDENTIALS  // 49
    static let noSuchObject: Int32 = LDAP_NO_SUCH_OBJECT
    static let sizeLimitExceeded: Int32 = LDAP_SIZELIMIT_EXCEEDED

    /// The directory cannot be reached or stopped answering: the connection is dropped and made again.
    static func meansUnavailable(_ code: Int32) -> Bool {
        code == LDAP_SERVER_DOWN || code == LDAP_CONNECT_ERROR || code == LDAP_TIMEOUT || code == LDAP_UNAVAILABLE
            || code == LDAP_BUSY
    }

    /// libldap's text for `code` ("Invalid credentials", "Can't contact LDAP server").
    static func describe(_ code: Int32) -> String {
        guard let text = ldap_err2string(code) else { return "LDAP error \(code)" }
        return "\(String(cString: text)) (\(code))"
    }
}
