/// Words users type for what tcg says another way, each with the advice an unknown-command
/// error gives instead of the nearest spelling: `done` → `complete`; `delete` → R13.
public enum Synonyms {
    /// What to write instead of `delete` or `remove`: nothing is deleted (R13).
    static let nothingIsDeleted = "nothing is deleted (R13): `cancel A-n|C-n` with a rationale, `retire priority P-n`, "
        + "or `decide \"TEXT\" supersedes D-n`; the record stays in the register and its history"

    /// Lower-case word → the help that points at the tcg way.
    public static let advice: [String: String] = [
        "done": "did you mean complete? (`complete A-n` or `complete DP-n`)",
        "finish": "did you mean complete? (`complete A-n` or `complete DP-n`)",
        "delete": nothingIsDeleted,
        "remove": nothingIsDeleted,
    ]
}
