import ArgumentParser

/// `tcg db init URL`: the PostgreSQL store's schema and roles.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Set up a PostgreSQL database to hold a register (docs/postgresql.md).",
        subcommands: [DbInitCommand.self])
}

/// `tcg db init URL`.
struct DbInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate the tcg schema and the roles tcg_reader, tcg_tasker and tcg_manager at URL.",
        discussion: "Migrations are numbered and recorded in tcg.tcg_schema_migrations: running it again does nothing.")

    @ArgumentParser.Argument(help: ArgumentHelp("postgresql://USER@HOST/DB or postgres:///DB?host=/SOCKET/DIR.", valueName: "URL"))
    var url: String

    func run() {
        Invocation(action: .dbInit, arguments: [url]).execute().exit()
    }
}
