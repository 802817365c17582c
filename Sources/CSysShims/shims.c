// SPDX-License-Identifier: Apache-2.0
// Linux calls that need _GNU_SOURCE; kept in C so the Swift modules never see the macro.
#define _GNU_SOURCE
#include "CSysShims.h"
#include <grp.h>
#include <spawn.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

int mado_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid) {
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return -1;
    *pid = cred.pid;
    *uid = cred.uid;
    *gid = cred.gid;
    return 0;
}

int mado_accept_cloexec(int fd) { return accept4(fd, NULL, NULL, SOCK_CLOEXEC); }

int mado_user_in_group(uid_t uid, gid_t primary_gid, gid_t gid) {
    if (primary_gid == gid) return 1;
    struct passwd pw, *found = NULL;
    char buf[4096];
    if (getpwuid_r(uid, &pw, buf, sizeof(buf), &found) != 0 || found == NULL) return -1;
    int count = 64;
    for (int attempt = 0; attempt < 4; attempt++) {
        gid_t *groups = malloc(sizeof(gid_t) * (size_t)count);
        if (groups == NULL) return -1;
        int n = count;
        if (getgrouplist(pw.pw_name, primary_gid, groups, &n) >= 0) {
            int member = 0;
            for (int i = 0; i < n; i++) if (groups[i] == gid) member = 1;
            free(groups);
            return member;
        }
        free(groups);
        count = n > count ? n : count * 4;
    }
    return -1;
}

unsigned long long mado_monotonic_usec(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000ULL + (unsigned long long)ts.tv_nsec / 1000ULL;
}

extern char **environ;

char *const *mado_environment(void) { return environ; }

int mado_is_socket_mode(unsigned int mode) { return S_ISSOCK(mode) ? 1 : 0; }

int mado_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
