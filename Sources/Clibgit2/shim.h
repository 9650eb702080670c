#ifndef DOSSIER_CLIBGIT2_SHIM_H
#define DOSSIER_CLIBGIT2_SHIM_H

#include <git2.h>

/// Variadic libgit2 calls cannot be imported into Swift: thin wrappers for the options we set.
static inline int dossier_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

#endif
