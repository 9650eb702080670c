#ifndef DOSSIER_CLIBGIT2_SHIM_H
#define DOSSIER_CLIBGIT2_SHIM_H

/* libgit2's public API. Variadic calls (git_libgit2_opts) need a C wrapper here before Swift can use them. */
#include <git2.h>

#endif
