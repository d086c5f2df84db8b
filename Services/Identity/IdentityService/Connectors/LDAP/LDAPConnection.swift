import CLDAP
import Foundation

/// One libldap handle (`LDAP *`), connected and TLS-negotiated as configured. Blocking: call it from
/// `BlockingWork`, one caller at a time (the pool guarantees that); freed in `deinit`.
final class LDAPConnection: @unchecked Sendable {
    /// Why an operation failed: the libldap result code and its text.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let code: Int32
        let operation: String
        var description: String { "\(operation): \(LDAPResultCode.describe(code))" }
        var meansUnavailable: Bool { LDAPResultCode.meansUnavailable(code) }
    }

    private let handle: OpaquePointer
    let timeoutSeconds: Int

    /// Initialises a handle for `url` (`ldap://host:port` or `ldaps://…`), sets protocol 3, timeouts, TLS
    /// options, and runs StartTLS when asked. libldap connects lazily: the first operation opens the socket.
    init(url: String, startTLS: Bool, caFile: String?, timeoutSeconds: Int) throws(Failure) {
        var made: OpaquePointer?
        let rc = ldap_initialize(&made, url)
        guard rc == LDAP_SUCCESS, let made else { throw Failure(code: rc, operation: "initialise \(url)") }
        handle = made
        self.timeoutSeconds = timeoutSeconds
        var version = LDAP_VERSION3
        try check(ldap_set_option(handle, LDAP_OPT_PROTOCOL_VERSION, &version), "set protocol version 3")
        try check(berth_ldap_set_referrals_off(handle), "turn referrals off")
        try check(berth_ldap_set_timeouts(handle, timeoutSeconds), "set timeouts")
        if startTLS || url.lowercased().hasPrefix("ldaps://") {
            try check(berth_ldap_set_tls(handle, caFile), "set TLS options")
        }
        if startTLS {
            try check(ldap_start_tls_s(handle, nil, nil), "StartTLS")
        }
    }

    deinit { ldap_unbind_ext_s(handle, nil, nil) }

    /// A simple bind. Returns normally on success; throws with rc 49 for a wrong DN/password.
    /// Callers must refuse an empty password before calling this (an empty password is an anonymous bind,
    /// which "succeeds").
    func bind(dn: String, password: String) throws(Failure) {
        let rc = password.withCString { pointer in
            berth_ldap_simple_bind(handle, dn, pointer, password.utf8.count)
        }
        try check(rc, "bind as \(dn)")
    }

    /// A search returning at most `limit` entries (0 = the server's limit). `attributes` empty = none but the DN.
    func search(
        base: String, subtree: Bool, filter: String, attributes: [String], limit: Int32
    ) throws(Failure) -> [LDAPEntry] {
        var result: OpaquePointer?
        defer { if let result { ldap_msgfree(result) } }
        let wanted = attributes.isEmpty ? ["1.1"] : attributes
        var cStrings: [UnsafeMutablePointer<CChar>?] = wanted.map { strdup($0) } + [nil]
        defer { for pointer in cStrings { free(pointer) } }
        let rc = cStrings.withUnsafeMutableBufferPointer { buffer in
            berth_ldap_search(
                handle, base, subtree ? LDAP_SCOPE_SUBTREE : LDAP_SCOPE_BASE, filter, buffer.baseAddress,
                timeoutSeconds, limit, &result)
        }
        // A size limit hit still returns the entries found so far; the caller decides what "too many" means.
        if rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED {
            throw Failure(code: rc, operation: "search \(base) for \(filter)")
        }
        var entries: [LDAPEntry] = []
        var message = ldap_first_entry(handle, result)
        while let current = message {
            entries.append(entry(current))
            message = ldap_next_entry(handle, current)
        }
        return entries
    }

    private func entry(_ message: OpaquePointer) -> LDAPEntry {
        var dn = ""
        if let raw = ldap_get_dn(handle, message) {
            dn = String(cString: raw)
            ldap_memfree(raw)
        }
        var attributes: [String: [String]] = [:]
        var ber: OpaquePointer?
        var name = ldap_first_attribute(handle, message, &ber)
        while let current = name {
            let key = String(cString: current).lowercased()
            if let values = ldap_get_values_len(handle, message, current) {
                var index = 0
                var texts: [String] = []
                while let value = values[index] {
                    let bytes = UnsafeRawBufferPointer(start: value.pointee.bv_val, count: Int(value.pointee.bv_len))
                    texts.append(Self.text(bytes, attribute: key))
                    index += 1
                }
                ldap_value_free_len(values)
                attributes[key, default: []] += texts
            }
            ldap_memfree(current)
            name = ldap_next_attribute(handle, message, ber)
        }
        if let ber { ber_free(ber, 0) }
        return LDAPEntry(dn: dn, attributes: attributes)
    }

    /// Attribute values as text; binary ids (AD's `objectGUID`) as lower-case hex so they stay stable strings.
    private static func text(_ bytes: UnsafeRawBufferPointer, attribute: String) -> String {
        if attribute == "objectguid" || String(validating: bytes, as: UTF8.self) == nil {
            return bytes.map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func check(_ rc: Int32, _ operation: String) throws(Failure) {
        if rc != LDAP_SUCCESS { throw Failure(code: rc, operation: operation) }
    }
}
