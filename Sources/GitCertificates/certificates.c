/* Debian's libgit2 is built with mbedTLS, whose `git_libgit2_init` parses the whole system CA
 * bundle (about 4 ms, most of libgit2's initialisation) although most commands open no TLS
 * connection: a dossier's own repository, a remote by path. libgit2 has no option to skip that
 * step, so this file defines `mbedtls_x509_crt_parse_file`: the executable's definition comes
 * before libmbedx509's for libgit2's call. While `Libgit2` initialises, the call only remembers
 * the file and loads nothing; any other call goes to mbedTLS. Before a transfer to a network
 * remote, `Libgit2` sets that file again through GIT_OPT_SET_SSL_CERT_LOCATIONS, which parses it
 * for real. With another TLS library the function is never called and nothing is deferred. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include "GitCertificates.h"

static atomic_int deferring = 0;
static char deferred_file[4096];
static atomic_int has_deferred_file = 0;
static atomic_int parsed_files = 0;

void dossier_certificates_defer(int on) { atomic_store(&deferring, on); }

int dossier_certificates_parsed(void) { return atomic_load(&parsed_files); }

const char *dossier_certificates_deferred_file(void) {
    return atomic_load(&has_deferred_file) ? deferred_file : NULL;
}

typedef int (*parse_file_function)(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    if (atomic_load(&deferring) && path != NULL && strlen(path) < sizeof deferred_file) {
        strcpy(deferred_file, path);
        atomic_store(&has_deferred_file, 1);
        return 0;
    }
    static parse_file_function real = NULL;
    if (real == NULL) real = (parse_file_function)dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
    /* MBEDTLS_ERR_X509_FILE_IO_ERROR: what mbedTLS answers for a file it cannot read. */
    if (real == NULL) return -0x2900;
    int result = real(chain, path);
    if (result >= 0) atomic_fetch_add(&parsed_files, 1);
    return result;
}
