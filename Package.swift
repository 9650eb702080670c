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
        .library(name: "DossierWeb", targets: ["DossierWeb"]),
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
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
        .target(name: "Git", dependencies: ["Clibgit2", "GitCertificates", "GitSocketStream"]),
        // libgit2's socket stream with TCP_NODELAY, registered as its standard stream (C, Git only).
        .target(name: "GitSocketStream", linkerSettings: [.linkedLibrary("git2")]),
        // Defers libgit2's parsing of the system CA bundle until a network transfer (C, Git only).
        .target(name: "GitCertificates"),
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
        // …and the Région's signed credentials delivered with the decisions, the pinned issuer keys.
        .target(
            name: "DossierRepository",
            dependencies: [
                "Git", "DossierCore", "Credentials", "LinkedData",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Reaching a remote, for the CFA side and the hub alike: addresses, transfers with
        // credentials, known hosts and a watchdog, media endpoints and clients, their errors.
        .target(
            name: "Remote",
            dependencies: [
                "Git", "DossierCore", "DossierRepository",
                .product(name: "Crypto", package: "swift-crypto"),
                // Media transfers over HTTP (not URLSession: FoundationNetworking would load libcurl
                // and its libraries into every process).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
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
                "DossierCore", "Credentials", "LinkedData",
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
                "HubReview", "Git", "DossierCore", "DossierRepository", "Remote", "Credentials", "LinkedData",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The reviewers' web application: pages over the review room (`Hub`), sessions, CSRF,
        // evidence served safely. Templates are embedded in the binary.
        // The web layer both applications share: templates, strings, forms and CSRF tokens, security
        // headers, the reader's language, the style sheet.
        .target(
            name: "WebLayer",
            dependencies: [
                "DossierCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "HubWeb",
            dependencies: [
                "Hub", "HubReview", "DossierCore", "Remote", "WebLayer",
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
        // The CFA's own application (`dossier ui`): the dossier on a local web page, over the same
        // library calls as the command line, on the reviewers' web layer.
        .target(
            name: "DossierWeb",
            dependencies: [
                "DossierCore", "DossierRepository", "Remote", "Sync", "WebLayer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "DossierCLI",
            dependencies: [
                "Git", "DossierCore", "DossierRepository", "Remote", "Sync", "Hub", "HubWeb", "DossierWeb", "WebLayer", "Credentials", "LinkedData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dossier", dependencies: ["DossierCLI"]),
        // JSON-LD expansion and toRDF restricted to what Open Badges 3.0 credentials need, with pinned
        // local contexts only (an unknown context is an error, never a network fetch), and RDF Dataset
        // Canonicalization (RDFC-1.0) to canonical N-Quads. No dependency on the rest of the project.
        .target(
            name: "LinkedData",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [
                .embedInCode("Resources/credentials-v2.jsonld"),
                .embedInCode("Resources/context-3.0.3.json"),
                .embedInCode("Resources/context-3.0.2.json"),
                .embedInCode("Resources/context-3.0.1.json"),
                .embedInCode("Resources/context.json"),
                .embedInCode("Resources/ob-v3p0-extensions.json"),
                .embedInCode("Resources/bitstring-status-list-v1.jsonld"),
            ]
        ),
        // Open Badges 3.0 credentials: data model, Data Integrity eddsa-rdfc-2022 and VC-JWT (RS256)
        // proofs, verification, Bitstring Status List, issuer keys, baking into PNG and SVG.
        .target(
            name: "Credentials",
            dependencies: [
                "LinkedData", "DossierCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        .testTarget(name: "GitTests", dependencies: ["Git", "TestServers"]),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore", "TestServers"]),
        .testTarget(name: "DossierRepositoryTests", dependencies: ["DossierRepository", "DossierCore", "Git", "TestServers"]),
        // In process, plus the help of the built binary (HubHelpTests): it depends on `dossier`.
        .testTarget(
            name: "LinkedDataTests",
            dependencies: ["LinkedData", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CredentialsTests",
            dependencies: [
                "Credentials", "LinkedData", "DossierCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DossierCLITests",
            dependencies: ["DossierCLI", "DossierCore", "DossierRepository", "Git", "Hub", "HubReview", "Remote", "Sync",
                           "TestServers", "dossier",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The hub's library, with CFAs made by the built binary (HubLab): it depends on `dossier`.
        .testTarget(
            name: "HubTests",
            dependencies: [
                "Hub", "HubReview", "Git", "DossierCore", "DossierRepository", "Remote", "Sync", "Credentials", "TestServers", "dossier",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The hub's Open Badges wiring: credentials issued at award, revocation, the label's credential, keys,
        // the decisions ref's credential files, `hub publish` served by nginx; checked by ob3verify.py too.
        .testTarget(
            name: "BadgesTests",
            dependencies: ["Hub", "HubReview", "Credentials", "LinkedData", "DossierCore", "TestServers"],
            exclude: ["axe.py"]
        ),
        .testTarget(
            name: "DossierWebTests",
            dependencies: [
                "DossierWeb", "WebLayer", "DossierRepository", "DossierCore", "Git", "Remote", "Sync", "TestServers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "HubWebTests",
            dependencies: [
                "HubWeb", "WebLayer", "Hub", "HubReview", "DossierCore", "Git", "Remote",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Sync as a library: `Syncer`, `Submitter`, `ConflictResolver` and the media clients called
        // directly, against bare remotes on a path or real servers. No binary (those tests are in
        // EndToEndTests/SyncProcess).
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Remote", "Git", "DossierCore", "DossierRepository", "TestServers"]),
        // Test support, one place for every test target: temporary folders, processes (`ProcessRunner`),
        // the isolated git CLI, the built `dossier` binary and its test environments, file snapshots;
        // and real servers (git over smart HTTP behind nginx, sshd, git-lfs), on 127.0.0.1 only.
        .target(name: "TestServers", path: "Tests/TestServers"),
        .testTarget(name: "TestServersSelfTests", dependencies: ["TestServers"]),
        // The built binary driven as a person or a script would: every test that runs `dossier`
        // as a process and needs nothing else of the package.
        .testTarget(name: "EndToEndTests", dependencies: ["dossier", "TestServers"]),
        // The CFA's side of the badges: credentials issued with `BadgeIssuer` (test keys) put into a
        // CFA's decisions ref, then `dossier sync` (key pinning), `badges`, `badges export`, `verify`
        // (built binary), and the library behind them; online verification against nginx on loopback.
        .testTarget(
            name: "BadgesCFATests",
            dependencies: ["dossier", "TestServers", "Credentials", "LinkedData", "DossierRepository", "DossierCore", "Git"]
        ),
        // The reviewers' web application in a real browser: `dossier hub serve` on loopback, walked by
        // journey.py in Debian's headless Chromium through Selenium, axe-core on every page, the Nu
        // validator, screenshots in test-artefacts/browser/.
        .testTarget(name: "WebBrowserTests", dependencies: ["dossier", "TestServers"],
                    exclude: ["browser.py", "journey.py", "ui_journey.py", "fixture.sh"]),
        // kill -9 at every rename/fsync/lock step of each command (strace fault injection), then the
        // invariants: fsck clean, store intact, no saved evidence lost, the next command succeeds.
        .testTarget(name: "CrashTests", dependencies: ["dossier", "TestServers"]),
    ]
)
