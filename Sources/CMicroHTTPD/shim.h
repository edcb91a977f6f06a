// libmicrohttpd, with typed wrappers for the variadic calls Swift cannot make.
// microhttpd.h needs these system headers first; it does not include them itself.
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdarg.h>
#include <microhttpd.h>

// Serves `listen_socket` (already bound and listening) from MHD's own thread, with
// at most `connection_limit` connections, each closed after `timeout_seconds` idle.
// MHD owns the socket from here on and closes it in MHD_stop_daemon.
static inline struct MHD_Daemon *cmhd_start(
    MHD_AccessHandlerCallback handler, void *context, int listen_socket,
    unsigned int connection_limit, unsigned int timeout_seconds) {
    return MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL, handler, context,
        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_socket,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
        MHD_OPTION_END);
}

// A response holding its own copy of `size` bytes at `data`; the caller destroys it.
static inline struct MHD_Response *cmhd_response_copy(size_t size, const void *data) {
    return MHD_create_response_from_buffer(size, (void *)data, MHD_RESPMEM_MUST_COPY);
}

// MHD_YES as an int, so Swift need not name the enum's imported cases.
static inline enum MHD_Result cmhd_yes(void) { return MHD_YES; }
static inline enum MHD_Result cmhd_no(void) { return MHD_NO; }
