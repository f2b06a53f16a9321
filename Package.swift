// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "VanBan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vanban", targets: ["vanban"]),
        .library(name: "Templating", targets: ["Templating"]),
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .executableTarget(
            name: "vanban",
            dependencies: [
                "Templating",
                "VietnameseText",
                "CProcessAffinity",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText"]),
        .testTarget(name: "OfficeZipTests", dependencies: ["OfficeZip"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "OfficeZip"], exclude: ["Golden"]),
        .testTarget(name: "VanBanCLITests", dependencies: ["vanban", "OfficeZip"]),
    ]
)
