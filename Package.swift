// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "plancheck",
    products: [
        .library(name: "PlanCheck", targets: ["PlanCheck"]),
        .executable(name: "plancheck", targets: ["plancheck"]),
    ],
    targets: [
        // The language: lexer, parser, resolver, checker, evaluator, writers. Standard library only.
        .target(name: "PlanCheck"),
        // The command-line front door: arguments, files, terminal.
        .executableTarget(name: "plancheck", dependencies: ["PlanCheck"]),
        .testTarget(name: "PlanCheckTests", dependencies: ["PlanCheck"]),
    ],
    swiftLanguageModes: [.v6]
)
