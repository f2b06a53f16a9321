// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "VanBan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vanban", targets: ["vanban"]),
        .library(name: "Templating", targets: ["Templating"]),
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "Workflow", targets: ["Workflow"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Office", targets: ["Office"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "Conversion", targets: ["Conversion"]),
        .library(name: "Signing", targets: ["Signing"]),
        .library(name: "Archive", targets: ["Archive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "VietnameseText"),
        .target(name: "CProcessAffinity"),
        .target(name: "OfficeZip", dependencies: ["CZlib"]),
        .target(
            name: "Templating",
            dependencies: ["CLibXML2", "OfficeZip", "VietnameseText"]
        ),
        .target(
            name: "Domain",
            dependencies: ["VietnameseText", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Workflow",
            dependencies: ["VietnameseText", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Storage",
            dependencies: [
                "VietnameseText", "Workflow",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "Documents",
            dependencies: ["Domain", "Templating", "VietnameseText"]
        ),
        .target(
            name: "Office",
            dependencies: [
                "Archive", "Conversion", "Documents", "Domain", "Signing", "Storage", "Templating", "VietnameseText", "Workflow",
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Conversion", "Documents", "Domain", "Office", "Storage", "Templating", "VietnameseText", "Workflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Conversion",
            dependencies: ["Templating"],
            resources: [.copy("Resources/pdf-worker.py")]
        ),
        .target(
            name: "Signing",
            dependencies: [
                "CZlib", "CLibXML2", "OfficeZip",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Archive",
            dependencies: [
                "CLibXML2", "OfficeZip", "Signing", "Storage", "VietnameseText",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .executableTarget(
            name: "vanban",
            dependencies: [
                "Templating",
                "VietnameseText",
                "Domain",
                "Documents",
                "Office",
                "Server",
                "Storage",
                "Workflow",
                "Signing",
                "Archive",
                "CProcessAffinity",
                "Conversion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["OfficeZip", "Conversion", "Templating"], path: "Tests/TestSupport"),
        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText", "TestSupport"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "VietnameseText", "Templating", "OfficeZip", "TestSupport"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "Domain", "Templating", "VietnameseText", "OfficeZip", "TestSupport"]),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow", "VietnameseText", "TestSupport"]),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage", "Workflow", "VietnameseText", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "OfficeTests",
            dependencies: [
                "Archive", "Office", "OfficeZip", "Storage", "Documents", "Domain", "Templating", "VietnameseText", "TestSupport", "Conversion", "Signing",
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(name: "OfficeZipTests", dependencies: ["OfficeZip"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "OfficeZip", "TestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Archive", "Server", "Office", "Storage", "Workflow", "VietnameseText", "TestSupport", "Domain", "OfficeZip", "Signing",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ConversionTests", dependencies: ["Conversion", "Documents", "Templating", "TestSupport"]),
        .testTarget(
            name: "SigningTests",
            dependencies: [
                "Signing", "Templating", "Documents", "OfficeZip", "TestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ArchiveTests",
            dependencies: [
                "Archive", "OfficeZip", "Signing", "Storage", "TestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "VanBanCLITests", dependencies: ["vanban", "OfficeZip", "Storage", "VietnameseText", "TestSupport"]),
    ]
)
