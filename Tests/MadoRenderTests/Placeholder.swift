// SPDX-License-Identifier: Apache-2.0
// Placeholder until the first MadoRender test lands.
import Testing
