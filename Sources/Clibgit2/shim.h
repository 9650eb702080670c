#ifndef DOSSIER_CLIBGIT2_SHIM_H
#define DOSSIER_CLIBGIT2_SHIM_H

/* libgit2's public API. Variadic calls (git_libgit2_opts) need a C wrapper here before Swift can use them. */
#include <git2.h>
/* Content filters (the git-lfs `filter=lfs` attribute) are registered through the sys API. */
#include <git2/sys/filter.h>

/* GIT_OPT_SET_SSL_CERT_LOCATIONS with a CA bundle file (git_libgit2_opts is variadic). */
static inline int dossier_set_ssl_cert_file(const char *file) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, (const char *)0);
}

/* A libgit2 write stream whose callbacks are Swift functions: libgit2 only sees `parent`, the
   first member, and the callbacks find the Swift object through `context`. */
typedef struct dossier_writestream {
    git_writestream parent;
    void *context;
    git_writestream *next;
} dossier_writestream;

/* copy_file_range(2) is not visible to Swift (glibc declares it under _GNU_SOURCE only): the
   in-kernel copy a trusted media upload to a path remote uses, as cp does. */
#include <unistd.h>
#include <sys/syscall.h>
static inline long dossier_copy_file_range(int input, int output, unsigned long length) {
#ifdef SYS_copy_file_range
    return syscall(SYS_copy_file_range, input, (void *)0, output, (void *)0, length, 0u);
#else
    return -1;
#endif
}

#endif
