// swift-tools-version: 6.1
import PackageDescription

// One module per pipeline stage: model → parsing → rules → disputes → reporting → batch → CLI.
// Each stage depends only on the stages before it, so it can be read, tested and changed alone.
let package = Package(
    name: "clauselint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clauselint", targets: ["clauselint"]),
        .library(name: "ClauseModel", targets: ["ClauseModel"]),
        .library(name: "ClauseParsing", targets: ["ClauseParsing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // C libraries from the system (Debian: libxml2-dev, libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),

        // Stage 1: the clause model. No dependencies at all.
        .target(name: "ClauseModel"),
        // Stage 2: bytes → Document (decoding, plain text, Markdown, XML/HTML).
        .target(name: "ClauseParsing", dependencies: ["ClauseModel", "CLibXML2", "CCmarkGFM"]),
        // Stage 3: rules as data (Rules/*.yml), categories, the rule engine, configuration, suppression.
        .target(name: "ClauseRules", dependencies: ["ClauseModel", .product(name: "Yams", package: "Yams")]),
        // Stage 4: dispute registers, locating the clauses behind a dispute.
        .target(name: "ClauseDisputes", dependencies: ["ClauseModel", "ClauseRules", .product(name: "Yams", package: "Yams"), .product(name: "SwiftCSV", package: "SwiftCSV")]),
        // Stage 5: reporters (text, json, sarif, markdown, github, jsonl).
        .target(name: "ClauseReporting", dependencies: ["ClauseModel", "ClauseRules", "ClauseDisputes"]),
        // Stage 6: linting whole folders (walking, parallelism, baselines, shards).
        .target(name: "ClauseBatch", dependencies: ["ClauseModel", "ClauseParsing", "ClauseRules", "ClauseDisputes", "ClauseReporting"]),
        // The command line.
        .executableTarget(
            name: "clauselint",
            dependencies: [
                "ClauseModel", "ClauseParsing", "ClauseRules", "ClauseDisputes", "ClauseReporting", "ClauseBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks over ../shared/corpora (release build): `swift run -c release clauselint-bench --help`.
        .executableTarget(
            name: "clauselint-bench",
            dependencies: [
                "ClauseModel", "ClauseParsing", "ClauseRules", "ClauseDisputes", "ClauseReporting", "ClauseBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "ClauseModelTests", dependencies: ["ClauseModel"]),
        .testTarget(name: "ClauseParsingTests", dependencies: ["ClauseModel", "ClauseParsing"]),
        .testTarget(name: "ClauseRulesTests", dependencies: ["ClauseModel", "ClauseParsing", "ClauseRules"]),
        .testTarget(name: "ClauseDisputesTests", dependencies: ["ClauseModel", "ClauseParsing", "ClauseRules", "ClauseDisputes", "ClauseReporting"]),
        .testTarget(name: "ClauseReportingTests", dependencies: ["ClauseModel", "ClauseParsing", "ClauseRules", "ClauseDisputes", "ClauseReporting"], exclude: ["Golden", "validate_sarif.py"]),
        .testTarget(name: "ClauseBatchTests", dependencies: ["ClauseModel", "ClauseParsing", "ClauseRules", "ClauseReporting", "ClauseBatch"]),
        .testTarget(name: "CLITests", dependencies: ["clauselint"]),
    ]
)
