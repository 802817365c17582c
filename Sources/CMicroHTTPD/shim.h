#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdarg.h>
#include <microhttpd.h>

/// MHD_start_daemon is variadic, which Swift cannot call. mado always hands MHD a socket it created (or that
/// systemd passed), so one fixed set of options suffices.
static inline struct MHD_Daemon *mado_mhd_start(unsigned int flags, int listen_fd,
                                                MHD_AccessHandlerCallback handler, void *handler_cls,
                                                MHD_RequestCompletedCallback completed, void *completed_cls,
                                                unsigned int connection_timeout_seconds,
                                                unsigned int connection_limit,
                                                unsigned int per_address_limit) {
    return MHD_start_daemon(flags, 0, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
                            MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout_seconds,
                            MHD_OPTION_CONNECTION_LIMIT, connection_limit,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address_limit,
                            MHD_OPTION_END);
}

/// The connection's socket, for SO_PEERCRED. MHD_get_connection_info is variadic.
static inline int mado_mhd_connection_fd(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : (int)info->connect_fd;
}

/// Event streams must outlive the idle timeout that protects the listener from idle keep-alive connections.
static inline void mado_mhd_disable_timeout(struct MHD_Connection *connection) {
    MHD_set_connection_option(connection, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned int)0);
}

/// MHD_SIZE_UNKNOWN is a cast macro.
static inline uint64_t mado_mhd_size_unknown(void) { return MHD_SIZE_UNKNOWN; }
