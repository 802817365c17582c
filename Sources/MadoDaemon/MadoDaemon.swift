// SPDX-License-Identifier: Apache-2.0
// MadoDaemon: placeholder until its first type lands.
enum MadoDaemonModule {}
