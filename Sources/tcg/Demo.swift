#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGStore

/// `tcg demo [PATH]`: writes the trainers' demo register (a year of T&C business) to a new workspace.
enum Demo {
    static func write(to path: String, console: Console) -> ExitStatus {
        if access(path, F_OK) == 0 {
            console.message("tcg: \(path) already exists; tcg demo never overwrites a file (choose another PATH)")
            return .usage
        }
        let quiet = Console(format: .json, terminal: console.terminal)
        quiet.silent = true
        // A fixed wall clock and author make the file the same every time.
        let day = Day(iso: DemoScript.teachingDay) ?? Day(number: 0)
        let session = Session(store: WorkspaceFile(path: path), console: quiet, user: "tcg demo", format: .json,
                              todayOverride: nil, dryRun: false, clock: { (day, "\(DemoScript.teachingDay)T07:00:00Z") })
        let status = (session.runScript(SourceFile(name: "demo", text: DemoScript.text()), origin: .script("demo"), parameters: [:]))
        guard status == .success else {
            console.message("tcg: the demo register could not be written (status \(status.rawValue))")
            return status
        }
        console.write("""
            Wrote \(path): a year of tasking and coordination in Westshire (two BCUs, East and West, and
            East's community safety partnership).
            The clock is \(DemoScript.teachingDay), the morning of East's TT&CG. Try:
              tcg --workspace \(path)
              agenda next ttcg unit East
              outstanding actions unit East
              performance unit Westshire
              calendar
              advance 2w

            """)
        console.flush()
        return .success
    }
}
