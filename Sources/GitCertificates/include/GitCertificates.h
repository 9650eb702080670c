#ifndef DOSSIER_GIT_CERTIFICATES_H
#define DOSSIER_GIT_CERTIFICATES_H

/* Deferring libgit2's loading of the system CA bundle until a TLS connection may be made.
   See certificates.c. */

/* While on, the CA bundle libgit2 asks mbedTLS to parse is remembered instead of parsed. */
void dossier_certificates_defer(int on);

/* The CA bundle whose parsing was deferred (NULL when none was: libgit2 built against another
   TLS library, or nothing asked yet). */
const char *dossier_certificates_deferred_file(void);

/* How many CA files mbedTLS parsed through this function without error (for tests). */
int dossier_certificates_parsed(void);

#endif
