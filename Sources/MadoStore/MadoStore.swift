// SPDX-License-Identifier: Apache-2.0
// MadoStore: placeholder until its first type lands.
enum MadoStoreModule {}
