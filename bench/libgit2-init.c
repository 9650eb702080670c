/* Start-up cost of libgit2 alone: `libgit2-init` only loads the library; `libgit2-init init` also
 * calls git_libgit2_init(), as every dossier command that opens a repository does. */
#include <git2.h>

int main(int argc, char **argv) {
    (void)argv;
    if (argc > 1) git_libgit2_init();
    return 0;
}
