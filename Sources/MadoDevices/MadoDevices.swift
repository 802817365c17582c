// SPDX-License-Identifier: Apache-2.0
// MadoDevices: placeholder until its first type lands.
enum MadoDevicesModule {}
