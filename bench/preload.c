/* Experiments without rebuilding dossier: LD_PRELOAD=preload.so, then
 *   BENCH_NO_CERTS=1        mbedtls_x509_crt_parse_file() becomes a no-op: libgit2's initialisation
 *                           without parsing the system CA bundle (as a libgit2 built without HTTPS);
 *   BENCH_NO_HASH_VERIFY=1  after git_libgit2_init(), GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION = 0:
 *                           objects read from the object database are not re-hashed (git itself
 *                           does not re-hash objects on ordinary reads);
 *   BENCH_TREE_CACHE=1      after git_libgit2_init(), cache tree objects up to 1 MiB instead of 4 KiB
 *                           (GIT_OPT_SET_CACHE_OBJECT_LIMIT).
 * Build: cc -O2 -shared -fPIC -o preload.so preload.c $(pkg-config --cflags libgit2) -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <git2.h>

int git_libgit2_init(void) {
    static int (*real)(void);
    if (!real) real = (int (*)(void))dlsym(RTLD_NEXT, "git_libgit2_init");
    int result = real();
    if (result >= 0 && getenv("BENCH_TREE_CACHE"))
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
    if (result >= 0 && getenv("BENCH_NO_HASH_VERIFY"))
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return result;
}

int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    static int (*real)(void *, const char *);
    if (getenv("BENCH_NO_CERTS")) return 0;
    if (!real) real = (int (*)(void *, const char *))dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
    return real(chain, path);
}
