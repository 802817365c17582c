// SPDX-License-Identifier: Apache-2.0
// Linux calls that need _GNU_SOURCE, which Swift's Glibc module is built without.
#pragma once
#include <spawn.h>
#include <sys/types.h>

/// Credentials of the process at the other end of a connected Unix socket (SO_PEERCRED).
/// Returns 0, or -1 with errno set.
int mado_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid);

/// accept4 with SOCK_CLOEXEC. Returns the new descriptor, or -1 with errno set.
int mado_accept_cloexec(int fd);

/// Whether user `uid` (primary group `primary_gid`) is a member of group `gid`, by the group database
/// (getgrouplist). Returns 1 or 0, or -1 when the user is unknown.
int mado_user_in_group(uid_t uid, gid_t primary_gid, gid_t gid);

/// CLOCK_MONOTONIC in microseconds, as systemd's MONOTONIC_USEC wants it.
unsigned long long mado_monotonic_usec(void);

/// The process environment (`environ`), which Swift 6 refuses to read as a mutable C global.
char *const *mado_environment(void);

/// Whether `mode` (from stat) describes a socket: S_ISSOCK, which is a macro Swift cannot call.
int mado_is_socket_mode(unsigned int mode);

/// Has the child of a posix_spawn close every descriptor from `lowest` up before it runs the program
/// (posix_spawn_file_actions_addclosefrom_np), so it inherits nothing it was not given on purpose.
/// Returns 0 or an error number.
int mado_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);
