import CEditShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line editing at a terminal through libedit's native histedit API.
///
/// Emacs keys by default (`~/.editrc` or `$EDITRC` may switch to vi with `bind -v`; lines
/// prefixed `tcg:` apply only to tcg), UTF-8 input, Up/Down history recall, Ctrl-R incremental
/// search, Tab completion through `completer`, and a persistent history file (mode 0600)
/// saved after every entry. libedit's own signal handling (`EL_SIGNAL`) is left off: its
/// handlers re-send signals to the whole process group; Ctrl-C is handled here instead.
public final class LibeditLineEditor: LineEditor {
    /// Called on Tab with the buffer text before the cursor.
    public var completer: ((String) -> Completion)?

    /// Why the history file is not being used, if it is not (e.g. it is not a libedit history
    /// file and would be overwritten); nil when all is well or there is no history file.
    public private(set) var historyWarning: String?

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var historyPersists: Bool
    private var promptText: UnsafeMutablePointer<CChar>?
    private let ownedFiles: [UnsafeMutablePointer<FILE>]
    private let inputDescriptor: Int32

    /// Opens libedit on stdin/stdout/stderr with history in `historyPath` (nil: no history file)
    /// holding at most `historySize` entries; nil if libedit cannot start.
    public convenience init?(historyPath: String?, historySize: Int = 5000) {
        self.init(historyPath: historyPath, historySize: historySize,
                  terminal: nil, terminalType: nil, editrc: nil)
    }

    /// Opens libedit on `terminal` (a tty descriptor, for tests) or stdio when nil, with an
    /// optional terminal type instead of `$TERM` and editrc file instead of `~/.editrc`.
    init?(historyPath: String?, historySize: Int, terminal: Int32?, terminalType: String?, editrc: String?) {
        Self.prepareLocale()
        var files: [UnsafeMutablePointer<FILE>] = []
        let opened: OpaquePointer?
        if let terminal {
            guard let input = fdopen(dup(terminal), "r") else { return nil }
            files.append(input)
            guard let output = fdopen(dup(terminal), "w") else {
                fclose(input)
                return nil
            }
            files.append(output)
            opened = el_init("tcg", input, output, output)
        } else {
            opened = tcg_el_init_stdio("tcg")
        }
        guard let editLine = opened, let history = history_init() else {
            if let opened { el_end(opened) }
            files.forEach { fclose($0) }
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.historyPersists = historyPath != nil
        self.ownedFiles = files
        self.inputDescriptor = terminal ?? STDIN_FILENO
        self.promptText = strdup("")

        if let terminalType { _ = tcg_el_set_terminal(editLine, terminalType) }
        _ = tcg_history_set_size(history, Int32(clamping: max(historySize, 1)))
        _ = tcg_history_set_unique(history, 1)
        loadHistory()

        _ = tcg_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = tcg_el_set_signal(editLine, 0)
        _ = tcg_el_set_prompt(editLine, { editLine in
            guard let editLine, let editor = LibeditLineEditor.owner(of: editLine) else {
                return LibeditLineEditor.emptyPrompt
            }
            return editor.promptText ?? LibeditLineEditor.emptyPrompt
        })
        _ = tcg_el_set_history(editLine, history)
        _ = tcg_el_set_editor(editLine, "emacs")
        _ = tcg_el_add_function(editLine, "tcg-complete", "Complete the word before the cursor", { editLine, _ in
            guard let editLine, let editor = LibeditLineEditor.owner(of: editLine) else {
                return UInt8(CC_REFRESH_BEEP)
            }
            return editor.complete()
        })
        bindKeys(terminalKeys: true)
        _ = el_source(editLine, editrc)
        // `bind -v` in an editrc resets every key map: put Tab and Ctrl-R back (not the terminal
        // keys: in vi insert mode Escape must leave at once, not wait for a sequence).
        if let mode = tcg_el_get_editor(editLine), String(cString: mode) != "emacs" {
            bindKeys(terminalKeys: false)
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        ownedFiles.forEach { fclose($0) }
        free(promptText)
    }

    /// True if `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// Reads one line with `prompt`. Ctrl-C → `.interrupted`, after "^C" and a newline are
    /// shown; Ctrl-D on an empty line → `.endOfFile`, the cursor left after the prompt (the
    /// caller ends the screen line). A recalled multi-line history entry comes back as one
    /// string with its inner newlines. Ctrl-Z then `fg` redraws the prompt and the line.
    public func readLine(prompt: String) -> LineResult {
        if let text = strdup(prompt) {
            free(promptText)
            promptText = text
        }
        var carried: String?
        while true {
            if let carried, !carried.isEmpty { el_push(editLine, Self.quoted(carried)) }
            var count: Int32 = 0
            tcg_read_signals_begin(inputDescriptor)
            let line = el_gets(editLine, &count)
            let failure = errno
            let events = tcg_read_signals_end()
            if let line {
                var text = String(cString: line)
                if text.hasSuffix("\n") { text.removeLast() }
                return .line(text)
            }
            if count == -1 && events & TCG_READ_INTERRUPTED != 0 {
                // Step over the rest of the dropped line so "^C" does not overwrite it.
                writeToTerminal(Self.visible(textAfterCursor()) + "^C\n")
                return .interrupted
            }
            if count == -1 && failure == EINTR {
                // Stopped and continued (Ctrl-Z, fg) or another signal: prompt again with the same text.
                carried = lineText()
                if events & TCG_READ_STOPPED == 0 { writeToTerminal(Self.visible(textAfterCursor()) + "\n") }
                continue
            }
            return .endOfFile
        }
    }

    /// Adds `entry` unless it is blank or equals the previous entry, then saves the history file.
    public func addHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace) else { return }
        guard tcg_history_enter(history, entry) == 1 else { return }
        saveHistory()
    }

    /// The history held now, oldest first.
    public var historyEntries: [String] {
        var entries: [String] = []
        var next = tcg_history_oldest(history)
        while let entry = next {
            entries.append(String(cString: entry))
            next = tcg_history_newer(history)
        }
        return entries
    }

    // MARK: - History file

    /// Loads the history file; refuses to use a path that is a symbolic link, not a regular
    /// file, not the user's own, writable by others or with other names (``problem(_:)``), or a
    /// file libedit cannot read (saving would overwrite it).
    private func loadHistory() {
        guard let path = historyPath else { return }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return }  // not there yet: created on first save
            historyPersists = false
            historyWarning = "history file \(path) \(code == ELOOP ? "is a symbolic link" : "cannot be read: " + String(cString: strerror(code))); history will not be saved"
            return
        }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) != 0 || Self.problem(status) != nil {
            historyPersists = false
            historyWarning = "history file \(path) \(Self.problem(status) ?? "cannot be examined"); history will not be saved"
            return
        }
        // Load the very file examined, by its descriptor, where the system offers /dev/fd.
        let byDescriptor = "/dev/fd/\(fd)"
        if tcg_history_load(history, access(byDescriptor, R_OK) == 0 ? byDescriptor : path) < 0 && status.st_size > 0 {
            historyPersists = false
            historyWarning = "history file \(path) is not in libedit's format; history will not be saved"
        }
    }

    /// Writes the whole history to the file, mode 0600, never through a symbolic link nor into
    /// a file ``problem(_:)`` refuses (history then stops being saved).
    private func saveHistory() {
        guard historyPersists, let path = historyPath else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, mode_t(0o600))
        guard fd >= 0 else { return }
        var status = stat()
        guard fstat(fd, &status) == 0, Self.problem(status) == nil, ftruncate(fd, 0) == 0, let file = fdopen(fd, "w") else {
            historyPersists = false
            close(fd)
            return
        }
        _ = fchmod(fd, 0o600)
        _ = tcg_history_save_fp(history, file)
        fclose(file)
    }

    /// Why the history file described by `status` must not be used, or nil: it must be the
    /// user's own regular file, not writable by group or others, with one name.
    static func problem(_ status: stat) -> String? {
        guard (status.st_mode & S_IFMT) == S_IFREG else { return "is not a regular file" }
        if status.st_uid != geteuid() { return "is owned by another user (uid \(status.st_uid))" }
        if status.st_mode & 0o022 != 0 { return "is writable by other users" }
        if status.st_nlink > 1 { return "has other names (hard links)" }
        return nil
    }

    // MARK: - Keys and completion

    /// Tab → our completer; Ctrl-R → incremental search backwards; and (emacs keys) the escape
    /// sequences that xterm, screen, tmux, rxvt and PuTTY send for Home, End, Delete and
    /// Ctrl-Left/Right, which libedit's default map does not know (without them Home and End insert `~`).
    private func bindKeys(terminalKeys: Bool) {
        _ = tcg_el_bind(editLine, "^I", "tcg-complete")
        _ = tcg_el_bind(editLine, "^R", "em-inc-search-prev")
        guard terminalKeys else { return }
        for (sequences, function) in Self.terminalKeys {
            for sequence in sequences { _ = tcg_el_bind(editLine, sequence, function) }
        }
    }

    /// Terminal key sequences (libedit notation, `\e` is Escape) and the editor function each runs.
    static let terminalKeys: [(sequences: [String], function: String)] = [
        // Home: xterm/tmux/screen (`[1~`, `[H`, `OH`), rxvt (`[7~`).
        (["\\e[1~", "\\e[H", "\\eOH", "\\e[7~"], "ed-move-to-beg"),
        // End: xterm/tmux/screen (`[4~`, `[F`, `OF`), rxvt (`[8~`).
        (["\\e[4~", "\\e[F", "\\eOF", "\\e[8~"], "ed-move-to-end"),
        (["\\e[3~"], "ed-delete-next-char"),
        // Ctrl-Right / Ctrl-Left: xterm (`[1;5C`), rxvt (`Oc`), PuTTY and old screen (`[5C`).
        (["\\e[1;5C", "\\eOc", "\\e[5C"], "em-next-word"),
        (["\\e[1;5D", "\\eOd", "\\e[5D"], "ed-prev-word"),
    ]

    /// The Tab handler: asks the completer and edits or lists; returns a libedit CC_ code.
    private func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine) else { return UInt8(CC_REFRESH_BEEP) }
        let before = Self.text(from: info.pointee.buffer, to: info.pointee.cursor)
        switch TabAction.decide(completer(before), before: before) {
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        case .replace(let deleting, let inserting):
            if deleting > 0 { el_deletestr(editLine, Int32(clamping: deleting)) }
            guard el_insertstr(editLine, inserting) == 0 else { return UInt8(CC_REFRESH_BEEP) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            let lines = CandidateColumns.lines(candidates, width: Int(tcg_el_columns(editLine)))
            writeToTerminal("\r\n" + lines.joined(separator: "\r\n") + "\r\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    /// The buffer text from the cursor to the end of the line.
    private func textAfterCursor() -> String {
        guard let info = el_line(editLine) else { return "" }
        return Self.text(from: info.pointee.cursor, to: info.pointee.lastchar)
    }

    /// The whole buffer text.
    private func lineText() -> String {
        guard let info = el_line(editLine) else { return "" }
        return Self.text(from: info.pointee.buffer, to: info.pointee.lastchar)
    }

    /// The UTF-8 text between two pointers into libedit's line buffer.
    private static func text(from start: UnsafePointer<CChar>?, to end: UnsafePointer<CChar>?) -> String {
        guard let start, let end else { return "" }
        let length = max(0, start.distance(to: end))
        return start.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// `text` as keys for `el_push` that insert it literally: control characters after ^V (quoted insert).
    static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\u{16}" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// `text` as libedit draws it: control characters other than tab and newline as `^X`.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A: out.unicodeScalars.append(scalar)
            case 0x00..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Writes `text` on libedit's output stream, in order with what libedit has drawn.
    private func writeToTerminal(_ text: String) {
        guard let output = tcg_el_output(editLine) else { return }
        fputs(text, output)
        fflush(output)
    }

    // MARK: - C plumbing

    /// A prompt for libedit to draw when the editor cannot be found (never expected).
    nonisolated(unsafe) private static let emptyPrompt: UnsafeMutablePointer<CChar> = {
        let text = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        text.pointee = 0
        return text
    }()

    /// The editor registered as client data of `editLine`.
    private static func owner(of editLine: OpaquePointer) -> LibeditLineEditor? {
        guard let data = tcg_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LibeditLineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Makes multibyte input decode as UTF-8: the user's locale if it is UTF-8, else C.UTF-8.
    private static func prepareLocale() {
        _ = setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil {
            _ = setlocale(LC_CTYPE, "C.utf8")
        }
    }
}
