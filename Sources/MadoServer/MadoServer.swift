// SPDX-License-Identifier: Apache-2.0
// MadoServer: placeholder until its first type lands.
enum MadoServerModule {}
