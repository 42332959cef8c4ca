import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal for driving `LibeditLineEditor` in-process: the editor gets the slave
/// side; the test types on the master side and reads what the editor drew.
final class PseudoTerminal: @unchecked Sendable {
    /// The master side: what is written here is "typed"; what the editor draws is read here.
    let master: Int32
    /// The slave side, handed to the editor as its terminal.
    let slave: Int32

    private let lock = NSLock()
    private var drawn: [UInt8] = []
    private var stopped = false
    private var drainer: Thread?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Opens a pty pair sized 80×24 and starts collecting the output.
    init() throws {
        // Glibc's Swift overlay hides the pty functions (they need _XOPEN_SOURCE): look them up.
        typealias OpenPT = @convention(c) (Int32) -> Int32
        typealias PTName = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
        let libc = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT
        guard let openSymbol = dlsym(libc, "posix_openpt"), let grantSymbol = dlsym(libc, "grantpt"),
              let unlockSymbol = dlsym(libc, "unlockpt"), let nameSymbol = dlsym(libc, "ptsname_r") else {
            throw Failure(description: "pty functions not found in libc")
        }
        master = unsafeBitCast(openSymbol, to: OpenPT.self)(O_RDWR | O_NOCTTY)
        guard master >= 0, unsafeBitCast(grantSymbol, to: OpenPT.self)(master) == 0,
              unsafeBitCast(unlockSymbol, to: OpenPT.self)(master) == 0 else {
            throw Failure(description: "posix_openpt failed: errno \(errno)")
        }
        var name = [CChar](repeating: 0, count: 128)
        guard unsafeBitCast(nameSymbol, to: PTName.self)(master, &name, name.count) == 0 else {
            throw Failure(description: "ptsname_r failed: errno \(errno)")
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "open slave failed: errno \(errno)") }
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        let thread = Thread { [self] in drain() }
        drainer = thread
        thread.start()
    }

    /// Stops collecting and closes both sides (the editor must be gone first).
    func close() {
        lock.withLock { stopped = true }
        while lock.withLock({ drainer != nil }) { usleep(1000) }
        _ = Glibc.close(slave)
        _ = Glibc.close(master)
    }

    /// Everything the editor drew so far, as text.
    var output: String {
        lock.withLock { String(decoding: drawn, as: UTF8.self) }
    }

    /// True once the output contains `text` (waits up to 5 s for the drain to catch up).
    func eventuallyShows(_ text: String) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if output.contains(text) { return true }
            usleep(2000)
        }
        return false
    }

    /// Writes `keys` on the master side once `prompt` has been drawn and the editor has put the
    /// terminal in raw mode (so control keys reach libedit rather than the line discipline).
    func type(_ keys: String, after prompt: String) {
        whenReading(after: prompt) { [self] in
            let bytes = Array(keys.utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }
    }

    /// Runs `action` on a background thread once `prompt` is drawn and the terminal is raw.
    func whenReading(after prompt: String, _ action: @escaping @Sendable () -> Void) {
        Thread { [self] in
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if output.contains(prompt) && !isCanonical() { break }
                usleep(2000)
            }
            usleep(30_000)  // let el_gets reach read(2)
            action()
        }.start()
    }

    /// True while the slave is in canonical (cooked) mode.
    private func isCanonical() -> Bool {
        var modes = termios()
        guard tcgetattr(slave, &modes) == 0 else { return true }
        return modes.c_lflag & tcflag_t(ICANON) != 0
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !lock.withLock({ stopped }) {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                lock.withLock { drawn.append(contentsOf: buffer[0..<count]) }
            } else if count < 0 && errno != EINTR && errno != EAGAIN {
                usleep(5000)
            }
        }
        lock.withLock { drainer = nil }
    }
}
