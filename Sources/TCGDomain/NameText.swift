import TCGText

/// How the names of people and units are kept and compared, so that two names that look the same
/// are the same name (R11).
///
/// A name is kept with its look-alike spaces (no-break space, U+2000–U+200A, U+202F, U+205F,
/// U+3000) as plain spaces and each run of spaces as one; it may not hold a control, bidi,
/// zero-width or line-separator character. Names compare case-insensitively and by canonical
/// equivalence (Swift's `String` equality and hashing: an NFC and an NFD spelling are one name),
/// after the same folding, with zero-width characters dropped.
public enum NameText {
    /// The name as kept: look-alike spaces as plain spaces, runs of spaces as one, trimmed.
    public static func tidy(_ name: String) -> String {
        if isTidyASCII(name) { return name }
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if scalar == " " || UnsafeScalar.isLookalikeSpace(scalar) || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out += " " }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The key two names are equal by: tidied, zero-width characters dropped, lowercased.
    public static func key(_ name: String) -> String {
        if isTidyASCII(name) { return name.lowercased() }
        var visible = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where !UnsafeScalar.isZeroWidth(scalar) { visible.append(scalar) }
        return tidy(String(visible)).lowercased()
    }

    /// The first character of `name` that a name may not hold, if any.
    public static func forbidden(in name: String) -> Unicode.Scalar? {
        if isTidyASCII(name) { return nil }
        return name.unicodeScalars.first(where: UnsafeScalar.isForbiddenInName)
    }

    /// Printable ASCII with single spaces between words and none at the ends: already tidy.
    static func isTidyASCII(_ name: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in name.utf8 {
            guard byte > 0x20 && byte < 0x7F || byte == 0x20 && previous != 0x20 else { return false }
            previous = byte
        }
        return previous != 0x20 || name.isEmpty
    }
}
