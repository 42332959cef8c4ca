// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tcg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tcg", targets: ["tcg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        /// A small, fast, strict JSON reader and writer (no Foundation coding).
        .target(name: "TCGJSON"),
        /// SHA-256's compression function with the x86 SHA extensions, for the audit hash chain.
        .target(name: "CSHA256"),
        /// Which characters are unsafe to show or to hold in a name, and their visible escapes.
        .target(name: "TCGText"),
        /// The register and the rules R1–R13 of DOMAIN.md: pure, no I/O.
        .target(name: "TCGDomain", dependencies: ["CSHA256", "TCGText"]),
        /// The workspace file: JSON format, lock, durable atomic saves.
        .target(name: "TCGStore", dependencies: ["TCGDomain", "TCGJSON"]),
        /// Lexer, parser, command table, interpreter, queries and output rendering.
        .target(name: "TCGLanguage", dependencies: ["TCGDomain", "TCGJSON", "TCGText"]),
        /// Debian's libedit (libedit-dev), as a system library.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        /// Non-variadic C wrappers over libedit's el_set/el_get/history, and signal-safe terminal restore.
        .target(name: "CEditShim", dependencies: ["CEditLine"]),
        /// The line editor behind a small protocol: libedit at a terminal, plain lines otherwise.
        .target(name: "TCGLineEditor", dependencies: ["CEditShim", "TCGText"]),
        /// The types and constants of Debian's libpq (libpq-fe.h, from libpq-dev), PostgreSQL's C
        /// client. Not linked: TCGPostgres loads libpq.so.5 at first use, so that tcg stays a static
        /// executable that starts in 2 ms (linking libpq's 30 shared libraries made it 7 ms).
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        /// The register kept in PostgreSQL: connection, schema migrations, the store (docs/postgresql.md).
        .target(name: "TCGPostgres", dependencies: ["CLibPQ", "TCGDomain", "TCGJSON", "TCGStore"]),
        /// The thin executable: command line, workspace selection, exit codes.
        .executableTarget(
            name: "tcg",
            dependencies: [
                "TCGDomain", "TCGLanguage", "TCGStore", "TCGPostgres", "TCGLineEditor", "TCGText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Child processes for the tests (posix_spawn, polled waitpid, deadlines).
        .target(name: "TCGTestSupport", dependencies: ["TCGPostgres"], path: "Tests/TCGTestSupport"),
        .testTarget(name: "TCGJSONTests", dependencies: ["TCGJSON"]),
        .testTarget(name: "TCGDomainTests", dependencies: ["TCGDomain", "TCGText"]),
        .testTarget(name: "TCGStoreTests", dependencies: ["TCGStore", "TCGDomain", "TCGJSON", "TCGTestSupport"]),
        .testTarget(name: "TCGLanguageTests", dependencies: ["TCGLanguage", "TCGDomain", "TCGText", "TCGTestSupport"]),
        .testTarget(name: "TCGPostgresTests", dependencies: ["TCGPostgres", "TCGStore", "TCGDomain", "TCGLanguage", "TCGTestSupport"]),
        .testTarget(name: "TCGLineEditorTests", dependencies: ["TCGLineEditor", "TCGText"]),
        .testTarget(
            name: "TCGEndToEndTests",
            dependencies: ["TCGJSON", "TCGPostgres", "TCGTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
