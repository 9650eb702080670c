/* libgit2 1.5's socket stream (`src/libgit2/streams/socket.c`) never turns Nagle's algorithm off.
 * Its HTTP transport writes a chunked request body as three `send()` calls per chunk (size line,
 * data, CRLF): a small segment then waits for the ACK of the previous one, which the receiver
 * delays (40 ms on Linux), several times per push (BENCHMARKS.md, "Sync", S1). git's curl sets
 * TCP_NODELAY; libgit2 has no option for it, but lets an application register the stream it opens
 * sockets with (`git_stream_register(GIT_STREAM_STANDARD, …)`, git2/sys/stream.h).
 *
 * This is libgit2's own socket stream with one `setsockopt` added after `connect()`. It serves:
 *   - plain HTTP (`git_socket_stream_new` in transports/httpclient.c);
 *   - HTTPS: libgit2's mbedTLS and OpenSSL streams open their socket through
 *     `git_socket_stream_new`, which looks up this registration too;
 *   - ssh: transports/ssh.c also opens its socket through `git_socket_stream_new`, then casts the
 *     stream to libgit2's internal `git_socket_stream` and hands its `s` member to libssh2. The
 *     struct below therefore keeps exactly that layout (parent, host, port, socket), which must be
 *     checked again before moving to another libgit2 version.
 * Error classes and messages are libgit2's (GIT_ERROR_NET, GIT_ERROR_OS), so callers classify
 * failures as before. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/stream.h>

#include "GitSocketStream.h"

/* libgit2's `git_socket_stream` (streams/socket.h, 1.5): the ssh transport reads `s`. */
typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int s;
} dossier_socket_stream;

/* Per thread: libgit2 opens a transfer's sockets on the thread that runs the transfer. */
static _Thread_local int connections = 0;
static _Thread_local int connections_nodelay = 0;

/* Around one transfer (set by the Git module): the first host and port this thread's sockets
   connected to, whether a later one went elsewhere (a redirect to another server), and whether
   that is refused (while credentials are sent up front). */
static _Thread_local int watching = 0;
static _Thread_local int refusing = 0;
static _Thread_local int strayed = 0;
static _Thread_local char first_host[256];
static _Thread_local char first_port[16];

void dossier_socket_stream_watch_begin(int refuse_other_hosts) {
    watching = 1;
    refusing = refuse_other_hosts;
    strayed = 0;
    first_host[0] = first_port[0] = '\0';
}

int dossier_socket_stream_watch_end(void) {
    watching = refusing = 0;
    return strayed;
}

/* 0 when a socket to host:port may be opened; notes the first one, and any other. */
static int watch_connection(const char *host, const char *port) {
    if (!watching) return 0;
    if (first_host[0] == '\0' && strlen(host) < sizeof first_host && strlen(port) < sizeof first_port) {
        strcpy(first_host, host);
        strcpy(first_port, port);
        return 0;
    }
    if (strcasecmp(host, first_host) == 0 && strcmp(port, first_port) == 0) return 0;
    strayed = 1;
    return refusing ? -1 : 0;
}

/* The sockets open on behalf of each thread's transfers, so that another thread (the transfer's
   watchdog) can end a transfer whose server went silent: libgit2 1.5 has no network time-out, and
   its blocking recv() would wait until the connection dies. A thread runs one transfer at a time,
   so a thread's sockets are its transfer's (a connection a listing kept open for the fetch that
   follows included). Removed from the table before they are closed, under the same lock as an
   abort: a socket number reused by someone else is never shut down. */
#define OPEN_SOCKETS_MAX 1024
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static struct { int owner; int fd; } open_sockets[OPEN_SOCKETS_MAX];
static int open_count = 0;
static int next_owner = 0;
static _Thread_local int thread_owner = 0;

int dossier_socket_stream_owner(void) {
    if (thread_owner == 0) {
        pthread_mutex_lock(&open_lock);
        next_owner = next_owner == INT_MAX ? 1 : next_owner + 1;
        thread_owner = next_owner;
        pthread_mutex_unlock(&open_lock);
    }
    return thread_owner;
}

int dossier_socket_stream_abort(int owner) {
    int count = 0;
    pthread_mutex_lock(&open_lock);
    for (int i = 0; i < open_count; i++) {
        if (open_sockets[i].owner == owner && shutdown(open_sockets[i].fd, SHUT_RDWR) == 0) count += 1;
    }
    pthread_mutex_unlock(&open_lock);
    return count;
}

static void remember_socket(int fd) {
    int owner = dossier_socket_stream_owner();
    pthread_mutex_lock(&open_lock);
    if (open_count < OPEN_SOCKETS_MAX) {
        open_sockets[open_count].owner = owner;
        open_sockets[open_count].fd = fd;
        open_count += 1;
    }
    pthread_mutex_unlock(&open_lock);
}

/* Closes a socket, after removing it from the table. */
static int forget_and_close(int fd) {
    pthread_mutex_lock(&open_lock);
    for (int i = 0; i < open_count; i++) {
        if (open_sockets[i].fd == fd) {
            open_sockets[i] = open_sockets[open_count - 1];
            open_count -= 1;
            break;
        }
    }
    int error = close(fd);
    pthread_mutex_unlock(&open_lock);
    return error;
}

int dossier_socket_stream_connections(void) { return connections; }
int dossier_socket_stream_connections_nodelay(void) { return connections_nodelay; }

static void set_nodelay(int s) {
    int on = 1;
    (void)setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    int value = 0;
    socklen_t length = sizeof value;
    connections += 1;
    if (getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &value, &length) == 0 && value != 0)
        connections_nodelay += 1;
}

static int socket_connect(git_stream *stream) {
    dossier_socket_stream *st = (dossier_socket_stream *)stream;
    struct addrinfo hints, *info = NULL, *p;
    int s = -1, ret;

    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;

    if ((ret = getaddrinfo(st->host, st->port, &hints, &info)) != 0) {
        git_error_set(GIT_ERROR_NET, "failed to resolve address for %s: %s", st->host, gai_strerror(ret));
        return -1;
    }
    for (p = info; p != NULL; p = p->ai_next) {
        s = socket(p->ai_family, p->ai_socktype | SOCK_CLOEXEC, p->ai_protocol);
        if (s < 0) continue;
        if (connect(s, p->ai_addr, (socklen_t)p->ai_addrlen) == 0) break;
        close(s);
        s = -1;
    }
    freeaddrinfo(info);
    if (s < 0) {
        git_error_set(GIT_ERROR_OS, "failed to connect to %s", st->host);
        return -1;
    }
    set_nodelay(s);
    remember_socket(s);
    st->s = s;
    return 0;
}

static ssize_t socket_write(git_stream *stream, const char *data, size_t len, int flags) {
    dossier_socket_stream *st = (dossier_socket_stream *)stream;
    ssize_t written;
    errno = 0;
    if ((written = send(st->s, data, len, flags)) < 0) {
        git_error_set(GIT_ERROR_NET, "error sending data: %s", strerror(errno));
        return -1;
    }
    return written;
}

static ssize_t socket_read(git_stream *stream, void *data, size_t len) {
    dossier_socket_stream *st = (dossier_socket_stream *)stream;
    ssize_t ret;
    if ((ret = recv(st->s, data, len, 0)) < 0)
        git_error_set(GIT_ERROR_NET, "error receiving socket data: %s", strerror(errno));
    return ret;
}

static int socket_close(git_stream *stream) {
    dossier_socket_stream *st = (dossier_socket_stream *)stream;
    int error = st->s < 0 ? 0 : forget_and_close(st->s);
    st->s = -1;
    return error;
}

static void socket_free(git_stream *stream) {
    dossier_socket_stream *st = (dossier_socket_stream *)stream;
    if (st->s >= 0) forget_and_close(st->s); /* libgit2 closes first; this only keeps a missed close from leaking */
    free(st->host);
    free(st->port);
    free(st);
}

static int socket_stream_new(git_stream **out, const char *host, const char *port) {
    if (out == NULL || host == NULL || port == NULL) {
        git_error_set_str(GIT_ERROR_INVALID, "invalid argument");
        return -1;
    }
    if (watch_connection(host, port) != 0) {
        git_error_set(GIT_ERROR_NET, "refused to connect to %s:%s: credentials go to %s:%s only", host, port, first_host, first_port);
        return -1;
    }
    dossier_socket_stream *st = calloc(1, sizeof *st);
    if (st == NULL || (st->host = strdup(host)) == NULL || (st->port = strdup(port)) == NULL) {
        if (st != NULL) { free(st->host); free(st); }
        git_error_set_oom();
        return -1;
    }
    st->parent.version = GIT_STREAM_VERSION;
    st->parent.connect = socket_connect;
    st->parent.write = socket_write;
    st->parent.read = socket_read;
    st->parent.close = socket_close;
    st->parent.free = socket_free;
    st->s = -1;
    *out = (git_stream *)st;
    return 0;
}

int dossier_socket_stream_register(void) {
    git_stream_registration registration;
    memset(&registration, 0, sizeof registration);
    registration.version = GIT_STREAM_VERSION;
    registration.init = socket_stream_new;
    return git_stream_register(GIT_STREAM_STANDARD, &registration);
}
