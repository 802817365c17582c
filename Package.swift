// swift-tools-version:6.0
// mado: counter tickets, calling displays, unwritten forms and answer-sheet grading for Japanese
// city halls and schools. The layout follows ../shared/design/ARCHITECTURE.md.
import PackageDescription

/// A Debian-provided C library reached through a module map and a `shim.h`.
func cLibrary(_ name: String, pkgConfig: String? = nil, apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt(apt)])
}

let package = Package(
    name: "mado",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "madod", targets: ["madod"]),
        .executable(name: "madoctl", targets: ["madoctl"]),
        .executable(name: "mado-bench", targets: ["mado-bench"]),
    ],
    targets: [
        // C libraries from Debian. Debian 12 ships no cups.pc, so CCUPS links "cups" directly.
        cLibrary("CCUPS", apt: ["libcups2-dev"]),
        cLibrary("CSANE", pkgConfig: "sane-backends", apt: ["libsane-dev"]),
        cLibrary("CLibUSB", pkgConfig: "libusb-1.0", apt: ["libusb-1.0-0-dev"]),
        cLibrary("CSQLite", pkgConfig: "sqlite3", apt: ["libsqlite3-dev"]),
        cLibrary("CCairo", pkgConfig: "pangocairo", apt: ["libcairo2-dev", "libpango1.0-dev"]),
        cLibrary("CMicroHTTPD", pkgConfig: "libmicrohttpd", apt: ["libmicrohttpd-dev"]),
        cLibrary("CQREncode", pkgConfig: "libqrencode", apt: ["libqrencode-dev"]),
        cLibrary("CZBar", pkgConfig: "zbar", apt: ["libzbar-dev"]),
        cLibrary("CCurl", pkgConfig: "libcurl", apt: ["libcurl4-openssl-dev"]),
        // Scanned-page decoders for answer sheets (MadoImaging only).
        cLibrary("CPNG", pkgConfig: "libpng16", apt: ["libpng-dev"]),
        cLibrary("CTIFF", pkgConfig: "libtiff-4", apt: ["libtiff-dev"]),
        cLibrary("CPoppler", pkgConfig: "poppler-glib", apt: ["libpoppler-glib-dev"]),
        // libjpeg reports errors by longjmp, which Swift cannot catch: a C shim decodes inside setjmp.
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // _GNU_SOURCE-only calls (SO_PEERCRED, accept4) that Swift's Glibc module cannot see.
        .target(name: "CSysShims"),

        // The pure domain: value types and pure functions, Foundation only.
        .target(name: "MadoCore"),
        .target(name: "MadoRender", dependencies: ["MadoCore", "CCairo", "CQREncode"]),
        .target(name: "MadoStore", dependencies: ["MadoCore", "CSQLite"]),
        .target(name: "MadoSystem", dependencies: ["CSysShims"]),
        .target(
            name: "MadoDevices",
            dependencies: ["MadoCore", "MadoSystem", "CCUPS", "CSANE", "CLibUSB", "CZBar", "CSysShims"]),
        .target(
            name: "MadoImaging", dependencies: ["MadoCore", "CPNG", "CJPEG", "CTIFF", "CPoppler", "CZBar"]),
        .target(name: "MadoServer", dependencies: ["MadoCore", "MadoSystem", "CMicroHTTPD", "CSysShims"]),
        .target(
            name: "MadoDaemon",
            dependencies: [
                "MadoCore", "MadoRender", "MadoStore", "MadoSystem", "MadoDevices", "MadoServer", "MadoImaging",
            ]),
        .target(name: "MadoCLI", dependencies: ["MadoCore", "MadoRender", "CCurl"]),
        // Helpers shared by test targets and mado-bench (a raw HTTP client, the daemon harness, synthetic
        // event logs); never linked into madod or madoctl.
        .target(name: "MadoTestSupport", dependencies: ["MadoSystem", "MadoCore", "CSysShims"]),
        // The Swift Testing trait that runs each test on a thread of its own; test targets only.
        .target(name: "MadoTestThreads"),

        // Thin executables: main.swift only.
        .executableTarget(name: "madod", dependencies: ["MadoDaemon"]),
        .executableTarget(name: "madoctl", dependencies: ["MadoCLI"]),
        .executableTarget(
            name: "mado-bench",
            dependencies: [
                "MadoCore", "MadoRender", "MadoStore", "MadoServer", "MadoDevices", "MadoDaemon", "MadoCLI",
                "MadoSystem", "MadoTestSupport", "MadoImaging",
            ]),

        .testTarget(name: "MadoCoreTests", dependencies: ["MadoTestThreads", "MadoCore", "MadoTestSupport"]),
        .testTarget(
            name: "MadoRenderTests", dependencies: ["MadoTestThreads", "MadoRender", "MadoCore", "MadoTestSupport"],
            exclude: ["Goldens"]),
        .testTarget(
            name: "MadoDevicesTests",
            dependencies: ["MadoTestThreads", "MadoDevices", "MadoCore", "MadoSystem", "MadoTestSupport"]),
        .testTarget(
            name: "MadoImagingTests",
            dependencies: ["MadoTestThreads", "MadoImaging", "MadoCore", "MadoRender", "MadoTestSupport"]),
        .testTarget(name: "MadoStoreTests", dependencies: ["MadoTestThreads", "MadoStore", "MadoCore"]),
        .testTarget(name: "MadoSystemTests", dependencies: ["MadoTestThreads", "MadoSystem"]),
        .testTarget(
            name: "MadoServerTests",
            dependencies: ["MadoTestThreads", "MadoServer", "MadoSystem", "MadoCore", "MadoTestSupport"]),
        .testTarget(
            name: "MadoDaemonTests",
            dependencies: [
                "MadoTestThreads",
                "MadoDaemon", "MadoCore", "MadoSystem", "MadoStore", "MadoServer", "MadoTestSupport", "MadoRender",
                "MadoImaging",
            ]),
        .testTarget(name: "MadoCLITests", dependencies: ["MadoTestThreads", "MadoCLI", "MadoCore", "MadoRender"]),
    ],
    swiftLanguageModes: [.v6]
)

// Strict settings for every Swift target in one place (the swift-log habit).
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    guard target.name != "CSysShims", target.name != "CJPEG" else { continue }
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
