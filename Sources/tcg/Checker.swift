import TCGLanguage

/// `tcg check FILE...`: parses only and reports every syntax error.
enum Checker {
    static func check(files: [String], console: Console) -> ExitStatus {
        var status = ExitStatus.success
        for file in files {
            let bytes: [UInt8]
            do { bytes = try ScriptInput.read(file) } catch {
                console.message("tcg: cannot read \(file): \(error)")
                status = status.worse(.usage)
                continue
            }
            let source = SourceFile(name: file, bytes: bytes)
            let result = Parser.parse(source)
            for d in result.diagnostics { console.error(d, in: source) }
            if result.diagnostics.isEmpty {
                print("\(file): ok (\(result.statements.count) statements)")
            } else {
                let n = result.diagnostics.count
                console.message("\(file): \(n) syntax error\(n == 1 ? "" : "s")")
                status = status.worse(.statementFailed)
            }
        }
        return status
    }
}
