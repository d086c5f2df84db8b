// OpenLDAP's libldap 2.5 (Debian: libldap-dev; libldap2-dev is only a transitional name on bookworm).
// Without LDAP_DEPRECATED: ldap_sasl_bind_s, ldap_search_ext_s, ldap_get_values_len, ldap_unbind_ext_s.
#ifndef BERTH_CLDAP_SHIM_H
#define BERTH_CLDAP_SHIM_H
#include <ldap.h>
#include <lber.h>

// LDAP_SASL_SIMPLE is a pointer-cast macro ((char *)0) and does not import: simple binds pass this.
static inline const char *berth_ldap_sasl_simple(void) { return LDAP_SASL_SIMPLE; }
#endif
