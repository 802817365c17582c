// SPDX-License-Identifier: Apache-2.0
// Placeholder until the image tests land.
import Testing
