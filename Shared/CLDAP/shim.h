// OpenLDAP's libldap 2.5 (Debian: libldap-dev; libldap2-dev is only a transitional name on bookworm).
// Without LDAP_DEPRECATED: ldap_sasl_bind_s, ldap_search_ext_s, ldap_get_values_len, ldap_unbind_ext_s.
#ifndef BERTH_CLDAP_SHIM_H
#define BERTH_CLDAP_SHIM_H
#include <ldap.h>
#include <lber.h>
#include <sys/time.h>

// LDAP_SASL_SIMPLE is a pointer-cast macro ((char *)0) and does not import: simple binds pass this.
static inline const char *berth_ldap_sasl_simple(void) { return LDAP_SASL_SIMPLE; }

// LDAP_OPT_ON / LDAP_OPT_OFF are pointer-cast macros too.
static inline int berth_ldap_set_referrals_off(LDAP *ld) { return ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF); }

// Network timeout (connect) and operation timeout (synchronous calls), in whole seconds.
static inline int berth_ldap_set_timeouts(LDAP *ld, long seconds) {
    struct timeval tv = { seconds, 0 };
    int rc = ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
    if (rc != LDAP_OPT_SUCCESS) return rc;
    return ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
}

// A search with a time limit; the timeval is built here so Swift does not juggle struct pointers.
static inline int berth_ldap_search(LDAP *ld, const char *base, int scope, const char *filter, char **attrs,
                                    long seconds, int sizelimit, LDAPMessage **res) {
    struct timeval tv = { seconds, 0 };
    return ldap_search_ext_s(ld, base, scope, filter, attrs, 0, NULL, NULL, &tv, sizelimit, res);
}

// A simple bind: password as a berval (may contain any bytes).
static inline int berth_ldap_simple_bind(LDAP *ld, const char *dn, const char *password, size_t length) {
    struct berval cred;
    cred.bv_val = (char *)password;
    cred.bv_len = (ber_len_t)length;
    return ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
}

// TLS settings on one handle: CA file (may be NULL), demand a valid certificate, then a fresh TLS context so
// the per-handle settings take effect.
static inline int berth_ldap_set_tls(LDAP *ld, const char *caFile) {
    int rc;
    if (caFile != NULL) {
        rc = ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, caFile);
        if (rc != LDAP_OPT_SUCCESS) return rc;
    }
    int demand = LDAP_OPT_X_TLS_DEMAND;
    rc = ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
    if (rc != LDAP_OPT_SUCCESS) return rc;
    int zero = 0;
    return ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &zero);
}
#endif
