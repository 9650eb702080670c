// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "DossierRepository", targets: ["DossierRepository"]),
        .library(name: "Remote", targets: ["Remote"]),
        .library(name: "Sync", targets: ["Sync"]),
        .library(name: "Hub", targets: ["Hub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libgit2, as installed by Debian's libgit2-dev.
        .systemLibrary(
            name: "Clibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // The only module that imports Clibgit2.
        .target(name: "Git", dependencies: ["Clibgit2"]),
        // Catalogue, dossier model, rules, checks, semantic diff. No C.
        .target(
            name: "DossierCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Resources/catalogue.yaml")]
        ),
        // A dossier stored in git: tree source, save, status, history.
        .target(name: "DossierRepository", dependencies: ["Git", "DossierCore"]),
        // Reaching a remote, for the CFA side and the hub alike: addresses, transfers with
        // credentials, known hosts and a watchdog, media endpoints and clients, their errors.
        .target(
            name: "Remote",
            dependencies: [
                "Git", "DossierCore", "DossierRepository",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The CFA's exchange with the Région's remote: fetch, structured merge, push, submissions.
        .target(name: "Sync", dependencies: ["Git", "DossierCore", "DossierRepository", "Remote"]),
        // The Région's hub: bare mirrors, reconciler, review store (SQLite through GRDB), peer
        // review, awards, the label, decisions sent back to each CFA.
        .target(
            name: "Hub",
            dependencies: [
                "Git", "DossierCore", "DossierRepository", "Remote",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierCLI",
            dependencies: [
                "DossierCore", "DossierRepository", "Remote", "Sync", "Hub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dossier", dependencies: ["DossierCLI"]),

        .testTarget(name: "GitTests", dependencies: ["Git"]),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(name: "DossierRepositoryTests", dependencies: ["DossierRepository", "Git"]),
        .testTarget(name: "DossierCLITests", dependencies: ["DossierCLI"]),
        .testTarget(name: "HubTests", dependencies: [
            "Hub", "Git", "DossierCore", "DossierRepository", "Remote", "TestServers",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Remote", "Git", "DossierCore", "DossierRepository", "TestServers"]),
        // Real servers for tests (git over smart HTTP behind nginx, sshd), on 127.0.0.1 only.
        .target(name: "TestServers", path: "Tests/TestServers"),
        .testTarget(name: "TestServersSelfTests", dependencies: ["TestServers"]),
        .testTarget(name: "EndToEndTests", dependencies: ["dossier", "TestServers"]),
        // kill -9 at every rename/fsync/lock step of each command (strace fault injection), then the
        // invariants: fsck clean, store intact, no saved evidence lost, the next command succeeds.
        .testTarget(name: "CrashTests", dependencies: ["dossier", "TestServers"]),
    ]
)
