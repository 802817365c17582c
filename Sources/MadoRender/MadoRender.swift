// SPDX-License-Identifier: Apache-2.0
// MadoRender: placeholder until its first type lands.
enum MadoRenderModule {}
