import ArgumentParser

@main
struct Emporium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emporium",
        abstract: "An observability-first shop: services, telemetry and operations.",
        subcommands: [Serve.self, Migrate.self, Seed.self, UserCommand.self, Demo.self]
    )
}
