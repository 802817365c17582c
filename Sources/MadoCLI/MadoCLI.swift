// SPDX-License-Identifier: Apache-2.0
// MadoCLI: placeholder until its first type lands.
enum MadoCLIModule {}
