// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "DossierRepository", targets: ["DossierRepository"]),
        .library(name: "Remote", targets: ["Remote"]),
        .library(name: "Sync", targets: ["Sync"]),
        .library(name: "HubReview", targets: ["HubReview"]),
        .library(name: "Hub", targets: ["Hub"]),
        .library(name: "HubWeb", targets: ["HubWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // libgit2, as installed by Debian's libgit2-dev.
        .systemLibrary(
            name: "Clibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // The only module that imports Clibgit2, and internally: no libgit2 type escapes it.
        // Every target declares each module it imports; a module imports what it does not
        // re-export with `internal import`.
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
        // The hub's review room: registry, peer group, review store (SQLite through GRDB), votes,
        // awards, the label, decisions as data. No git, no network: what the CLI, the web
        // application and the credentials talk to.
        .target(
            name: "HubReview",
            dependencies: [
                "DossierCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The Région's hub: the review room plus bare mirrors, reconcile (fetch, tree safety,
        // ingestion) and the decisions ref sent back to each CFA; hands ingested submissions to
        // the review room through `ReconcileInbox` only.
        .target(
            name: "Hub",
            dependencies: [
                "HubReview", "Git", "DossierCore", "DossierRepository", "Remote",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The reviewers' web application: pages over the review room (`Hub`), sessions, CSRF,
        // evidence served safely. Templates are embedded in the binary.
        .target(
            name: "HubWeb",
            dependencies: [
                "Hub", "HubReview", "DossierCore", "Remote",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "DossierCLI",
            dependencies: [
                "Git", "DossierCore", "DossierRepository", "Remote", "Sync", "Hub", "HubWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dossier", dependencies: ["DossierCLI"]),

        .testTarget(name: "GitTests", dependencies: ["Git"]),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(name: "DossierRepositoryTests", dependencies: ["DossierRepository", "DossierCore", "Git"]),
        .testTarget(
            name: "DossierCLITests",
            dependencies: ["DossierCLI", "DossierCore", "DossierRepository", "Git", "Hub", "HubReview", "Remote", "Sync",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "HubTests",
            dependencies: [
                "Hub", "HubReview", "Git", "DossierCore", "DossierRepository", "Remote", "Sync", "TestServers",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "HubWebTests",
            dependencies: [
                "HubWeb", "Hub", "HubReview", "DossierCore", "Git", "Remote",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
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
