// SPDX-License-Identifier: Apache-2.0
// The release version, shared by madod, madoctl and mado-bench so that they report the same number.

/// mado's version (semantic versioning).
public enum MadoVersion {
    public static let current = "0.1.0"
}
