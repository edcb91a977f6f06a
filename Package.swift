// swift-tools-version:6.0
// branchwatch: watches per-branch KPI drops and alerts chat rooms.
import PackageDescription

let package = Package(
    name: "branchwatch",
    products: [
        .executable(name: "branchwatch", targets: ["branchwatch"]),
        .library(name: "BranchWatch", targets: ["BranchWatch"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "BranchWatch",
            dependencies: [
                "CCurl", "CYAML", "CSQLite", "CCrypto", "CLinux", "CSystemd", "CMicroHTTPD",
            ]
        ),
        .executableTarget(
            name: "branchwatch",
            dependencies: ["BranchWatch"]
        ),
        .target(
            name: "BranchWatchTestSupport",
            dependencies: ["BranchWatch"],
            path: "Tests/BranchWatchTestSupport"
        ),
        .testTarget(
            name: "BranchWatchTests",
            dependencies: ["BranchWatch", "BranchWatchTestSupport"],
            // Python: the scripts that computed the pasted reference values, and the
            // Prometheus parser and DOM reader that the endpoint tests run.
            exclude: ["Reference", "Scripts"]
        ),
    ]
)
