#ifndef DOSSIER_CLIBGIT2_SHIM_H
#define DOSSIER_CLIBGIT2_SHIM_H

/* libgit2's public API. Variadic calls (git_libgit2_opts) need a C wrapper here before Swift can use them. */
#include <git2.h>
/* Content filters (the git-lfs `filter=lfs` attribute) are registered through the sys API. */
#include <git2/sys/filter.h>

/* A libgit2 write stream whose callbacks are Swift functions: libgit2 only sees `parent`, the
   first member, and the callbacks find the Swift object through `context`. */
typedef struct dossier_writestream {
    git_writestream parent;
    void *context;
    git_writestream *next;
} dossier_writestream;

#endif
