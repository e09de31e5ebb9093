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
        .target(name: "PlanCheck", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // The command-line front door: arguments, files, terminal.
        .executableTarget(name: "plancheck", dependencies: ["PlanCheck"]),
        // The tests drive the library directly and the built `plancheck` binary
        // end to end; depending on the executable makes `swift test` build it.
        .testTarget(name: "PlanCheckTests", dependencies: ["PlanCheck", "plancheck"]),
        // Speed figures for the README: `make bench` (`swift run -c release plancheck-bench`).
        .executableTarget(name: "plancheck-bench", dependencies: ["PlanCheck"], path: "Sources/plancheck-bench"),
        // The start-up and memory baseline `make bench` sets plancheck against: reads files, says hello.
        .executableTarget(name: "plancheck-hello", path: "Sources/plancheck-hello"),
    ],
    swiftLanguageModes: [.v6]
)
