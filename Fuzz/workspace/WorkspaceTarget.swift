#if canImport(Glibc)
import Glibc
#endif
import TCGDomain
import TCGStore

/// libFuzzer target `workspace`: the input is a workspace file. It is decoded in memory, then
/// written to a file and opened as a workspace, then written as the journal beside a valid
/// snapshot (`$TCG_FUZZ_BASE`, Fuzz/workspace-base.json) and opened again. A version-1 input
/// (or base) that opens is migrated to the current version on the way, as tcg does.
///
/// Everything must end in a register or a `StoreError` (the API's typed throws guarantee the
/// type). A crash, trap, ASan report or hang is a finding, and so is a register that opens but
/// whose re-encoding does not decode (tcg would save a workspace it cannot read).
///
/// A snapshot that the file store opens but ``WorkspaceFormat/decode(_:path:)`` refuses (the
/// store leaves the audit trail on disk, unchecked, until `history` asks) is a finding only
/// with `TCG_FUZZ_STRICT_OPEN=1`: it is known (Fuzz/README.md), and would stop every run.

/// The folder the files are written in (on /dev/shm when it exists).
nonisolated(unsafe) var folder = ""
/// The valid snapshot the journal mode puts beside the input, if found.
nonisolated(unsafe) var base: [UInt8]?
/// Whether a register that opens must also encode and decode again (`$TCG_FUZZ_ROUND_TRIP`,
/// default on; `0` turns it off, to look for crashes past a known round-trip finding).
nonisolated(unsafe) var checkRoundTrip = true
/// Whether a snapshot the store opens must also decode (`$TCG_FUZZ_STRICT_OPEN=1`).
nonisolated(unsafe) var strictOpen = false

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    let root = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    var template = Array("\(root)/tcg-fuzz-XXXXXX".utf8CString)
    template.withUnsafeMutableBufferPointer { buffer in
        if let p = buffer.baseAddress, mkdtemp(p) != nil { folder = String(cString: p) }
    }
    if folder.isEmpty {
        folder = root
    } else {
        atexit {
            for name in ["snapshot.json", "journaled.json"].flatMap(sideFiles) {
                unlink(folder + "/" + name)
            }
            rmdir(folder)
        }
    }
    if let flag = getenv("TCG_FUZZ_ROUND_TRIP"), String(cString: flag) == "0" { checkRoundTrip = false }
    if let flag = getenv("TCG_FUZZ_STRICT_OPEN"), String(cString: flag) == "1" { strictOpen = true }
    let basePath = getenv("TCG_FUZZ_BASE").map { String(cString: $0) } ?? "Fuzz/workspace-base.json"
    base = readFile(basePath)
    if base == nil { print("workspace fuzz: no base snapshot at \(basePath); the journal mode is off") }
    return 0
}

/// A workspace file and the files tcg keeps beside it: journal, lock, and the backup (with
/// its journal) that migrating a version-1 input writes.
func sideFiles(_ name: String) -> [String] {
    [name, name + ".journal", name + ".lock", name + ".v1.bak", name + ".v1.bak.journal"]
}

/// A whole file, or nil.
func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n <= 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

/// Replaces a file's contents (or removes it, for nil).
func writeFile(_ path: String, _ bytes: [UInt8]?) {
    unlink(path)
    guard let bytes else { return }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}

/// Stops the fuzzer with a finding that is not a crash of tcg's own.
func finding(_ message: String) -> Never {
    let text = Array("workspace fuzz: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Checks that an opened register saves as a document that opens again.
func roundTrip(_ register: Register, _ what: String) {
    guard checkRoundTrip else { return }
    let encoded: [UInt8]
    do {
        encoded = try WorkspaceFormat.encode(register)
    } catch {
        finding("\(what) opened, but cannot be encoded again: \(error)")
    }
    do {
        _ = try WorkspaceFormat.decode(encoded, path: "round-trip.json")
    } catch {
        finding("\(what) opened, but its re-encoding does not: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkspace(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let decoded = try? WorkspaceFormat.decode(bytes, path: "fuzz.json")
    if let decoded { roundTrip(decoded, "the decoded document") }

    let snapshot = folder + "/snapshot.json"
    for name in sideFiles(snapshot) { writeFile(name, nil) }
    writeFile(snapshot, bytes)
    if let register = try? WorkspaceFile(path: snapshot).open() {
        if decoded != nil || strictOpen { roundTrip(register, "the snapshot") }
    }

    if let base {
        let journaled = folder + "/journaled.json"
        for name in sideFiles(journaled) { writeFile(name, nil) }
        writeFile(journaled, base)
        writeFile(journaled + ".journal", bytes)
        if let register = try? WorkspaceFile(path: journaled).open() {
            roundTrip(register, "the base with the journal")
        }
    }
    return 0
}
