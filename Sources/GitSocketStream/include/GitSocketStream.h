#ifndef DOSSIER_GIT_SOCKET_STREAM_H
#define DOSSIER_GIT_SOCKET_STREAM_H

/* libgit2's plain socket stream with Nagle's algorithm turned off (TCP_NODELAY), registered as
   libgit2's standard stream. See socket_stream.c. */

/* Registers the stream for GIT_STREAM_STANDARD (after git_libgit2_init); 0 or a libgit2 error. */
int dossier_socket_stream_register(void);

/* Around one transfer: from begin to end, notes the host and port of the calling thread's first
   socket, and whether a later one connected to another (end returns 1 then, else 0). With
   `refuse_other_hosts` (credentials sent up front), such a connection fails (GIT_ERROR_NET). */
void dossier_socket_stream_watch_begin(int refuse_other_hosts);
int dossier_socket_stream_watch_end(void);

/* The calling thread's number, under which the sockets it opens are kept while they are open. */
int dossier_socket_stream_owner(void);

/* Shuts down (both ways) every socket the thread numbered `owner` holds open, from any thread: a
   transfer blocked reading from a silent server fails at once. Returns how many. */
int dossier_socket_stream_abort(int owner);

/* How many connections this stream opened on the calling thread, and on how many of them
   getsockopt read TCP_NODELAY back as on after connect (for tests). */
int dossier_socket_stream_connections(void);
int dossier_socket_stream_connections_nodelay(void);

#endif
