#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The checks that keep a file tcg reads or writes from being turned against its user: another
/// user's link, hard link, or pre-created file must not receive this user's data, nor feed it
/// data of theirs.
///
/// A file tcg keeps (the workspace, its journal and lock, the current-meetings state file, the
/// history) is opened with `O_NOFOLLOW` and must then be a regular file, owned by the effective
/// user and not writable by group or others; a file written in place must also have one link.
/// Only reading is allowed on a workspace of another user (its journal must then be that user's).
/// A folder tcg creates files in must not be writable by others unless it has the sticky bit.
public enum OwnedFile {
    /// Why the open file described by `info` is not one this user may trust, or nil when it is.
    /// `inPlace`: the file is written in place (truncated or appended), so a second name for it
    /// (a hard link planted elsewhere) is refused too.
    /// `owners`: the users it may belong to (nil: any user, for a file that is only read).
    public static func problem(_ info: stat, inPlace: Bool, owners: [uid_t]? = [geteuid()]) -> String? {
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK { return "is a symbolic link" }
        if type == S_IFDIR { return "is a folder" }
        guard type == S_IFREG else { return "is not a regular file" }
        if let owners, !owners.contains(info.st_uid) {
            return owners == [geteuid()] ? "is owned by another user (uid \(info.st_uid))"
                : "is owned by another user (uid \(info.st_uid)) than the workspace"
        }
        if info.st_mode & 0o022 != 0 { return "is writable by other users (mode \(octal(info.st_mode & 0o7777)))" }
        if inPlace, info.st_nlink > 1 { return "has other names (\(info.st_nlink) hard links)" }
        return nil
    }

    /// Why the open file `fd` is not one this user may trust (see ``problem(_:inPlace:)``).
    public static func problem(descriptor fd: Int32, inPlace: Bool) -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return "cannot be examined: \(SystemError.current)" }
        return problem(info, inPlace: inPlace)
    }

    /// The reason an `open` with `O_NOFOLLOW` failed with `code`, in words: `ELOOP` is a link.
    public static func openFailure(_ code: Int32) -> String {
        code == ELOOP ? "is a symbolic link" : SystemError.text(code)
    }

    /// Why tcg must not create files in `folder`, or nil: a folder writable by others lets them
    /// rename this user's files away and put their own in their place, unless it has the sticky
    /// bit (then only a file's owner may rename or remove it, like `/tmp`). A folder writable by
    /// its group is accepted: the group is trusted. A folder that cannot be examined is left to
    /// the `open` that follows to report.
    public static func folderProblem(_ folder: String) -> String? {
        var info = stat()
        guard stat(folder, &info) == 0 else { return nil }
        if info.st_mode & S_IWOTH != 0, info.st_mode & S_ISVTX == 0 {
            return "the folder \(folder) is writable by other users and has no sticky bit (mode \(octal(info.st_mode & 0o7777))), so another user could replace the files in it"
        }
        return nil
    }

    /// `mode` in octal with a leading zero, e.g. `0666`.
    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
