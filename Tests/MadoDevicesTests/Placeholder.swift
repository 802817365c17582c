// SPDX-License-Identifier: Apache-2.0
// Placeholder until the first MadoDevices test lands.
import Testing
