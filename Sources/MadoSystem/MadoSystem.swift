// SPDX-License-Identifier: Apache-2.0
// MadoSystem: placeholder until its first type lands.
enum MadoSystemModule {}
