import CSHA256

/// SHA-256 (FIPS 180-4), for the audit trail's hash chain: the x86 SHA extensions where the CPU
/// has them (a few times faster), else the portable Swift rounds below.
public struct SHA256 {
    /// The round constants (from the C target, which the SHA-extension rounds read too).
    nonisolated(unsafe) private static let table: UnsafePointer<UInt32> = tcg_sha256_constants()

    /// The digest of some bytes as 64 lower-case hex digits.
    public static func hex<C: Collection>(_ message: C) -> String where C.Element == UInt8 {
        if let digest = message.withContiguousStorageIfAvailable({ hex(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(message).withUnsafeBytes { hex($0) }
    }

    /// Whether the CPU's SHA extensions are used.
    static let hardware = tcg_sha256_hardware() == 1

    /// The digest of the bytes in a buffer as 64 lower-case hex digits; `portable` forces the
    /// Swift rounds (the tests compare the two).
    public static func hex(_ message: UnsafeRawBufferPointer, portable: Bool = false) -> String {
        digest(message, hardware: hardware && !portable) { hex(state: $0) }
    }

    /// The 32 bytes of the digest of the bytes in a buffer.
    public static func bytes(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        digest(message, hardware: hardware) { state in
            var out = [UInt8](repeating: 0, count: 32)
            for word in 0..<8 {
                for byte in 0..<4 { out[word * 4 + byte] = UInt8(truncatingIfNeeded: state[word] >> UInt32(24 - 8 * byte)) }
            }
            return out
        }
    }

    /// HMAC-SHA256 (RFC 2104) of `message` with `key`, as 64 lower-case hex digits.
    public static func hmacHex(key: [UInt8], _ message: UnsafeRawBufferPointer) -> String {
        var block = key.count > 64 ? key.withUnsafeBytes { bytes($0) } : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = block.map { $0 ^ 0x36 }
        inner.append(contentsOf: message)
        var outer = block.map { $0 ^ 0x5c }
        outer.append(contentsOf: inner.withUnsafeBytes { bytes($0) })
        return outer.withUnsafeBytes { hex($0) }
    }

    /// Eight state words as 64 lower-case hex digits.
    private static func hex(state: UnsafePointer<UInt32>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            for word in 0..<8 {
                let value = state[word]
                for nibble in 0..<8 {
                    out[word * 8 + nibble] = digits.utf8Start[Int((value >> UInt32(28 - 4 * nibble)) & 0xF)]
                }
            }
            return 64
        }
    }

    /// Hashes `message` and hands the eight state words to `result`.
    private static func digest<R>(_ message: UnsafeRawBufferPointer, hardware: Bool, _ result: (UnsafePointer<UInt32>) -> R) -> R {
        let k = table
        let count = message.count
        let full = count / 64 * 64
        // w: the message schedule (64 words); then the padded tail, at most two blocks; then
        // the state.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64 + 32 + 8) { scratch in
            let w = scratch.baseAddress!
            let tail = UnsafeMutableRawPointer(w + 64)
            let hs = w + 96
            hs[0] = 0x6a09e667; hs[1] = 0xbb67ae85; hs[2] = 0x3c6ef372; hs[3] = 0xa54ff53a
            hs[4] = 0x510e527f; hs[5] = 0x9b05688c; hs[6] = 0x1f83d9ab; hs[7] = 0x5be0cd19
            do {
                func blocks(_ p: UnsafeRawPointer, _ count: Int) {
                    if hardware {
                        tcg_sha256_blocks(hs, p.assumingMemoryBound(to: UInt8.self), count)
                    } else {
                        for n in 0..<count { block(p + 64 * n) }
                    }
                }
                func block(_ p: UnsafeRawPointer) {
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let a = w[i - 15], c = w[i - 2]
                        let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
                        let s1 = rotr(c, 17) ^ rotr(c, 19) ^ (c >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var a = hs[0], b = hs[1], c = hs[2], d = hs[3], e = hs[4], f = hs[5], g = hs[6], hh = hs[7]
                    for i in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                    }
                    hs[0] &+= a; hs[1] &+= b; hs[2] &+= c; hs[3] &+= d
                    hs[4] &+= e; hs[5] &+= f; hs[6] &+= g; hs[7] &+= hh
                }
                if full > 0, let base = message.baseAddress { blocks(base, full / 64) }
                // The padded tail: the last partial block, 0x80, zeros, and the length in bits.
                let rest = count - full
                let tailLength = rest < 56 ? 64 : 128
                tail.initializeMemory(as: UInt8.self, repeating: 0, count: tailLength)
                if rest > 0, let base = message.baseAddress { tail.copyMemory(from: base + full, byteCount: rest) }
                tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
                tail.storeBytes(of: (UInt64(count) &* 8).bigEndian, toByteOffset: tailLength - 8, as: UInt64.self)
                blocks(UnsafeRawPointer(tail), tailLength / 64)
            }
            return result(hs)
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

extension AuditEntry {
    /// The text format versions 1 and 2 hashed: every field on its own line, changes separated
    /// by U+001F and ids by commas; no length prefixes, so fields could run into each other
    /// (a newline in a statement). Kept to check a trail before migrating it to version 3.
    public func legacyCanonicalBytes(previous: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(160 + statement.utf8.count + source.utf8.count + changes.count * 24 + ids.count * 8)
        func line(_ text: String) {
            out.append(contentsOf: text.utf8)
            out.append(0x0A)
        }
        line("tcg-audit-v1")
        line(previous)
        DecimalText.append(seq, to: &out)
        out.append(0x0A)
        line(at)
        day.appendISO(to: &out)
        out.append(0x0A)
        line(user)
        line(source)
        line(statement)
        for (i, change) in changes.enumerated() {
            if i > 0 { out.append(0x1F) }
            out.append(contentsOf: change.utf8)
        }
        out.append(0x0A)
        for (i, id) in ids.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            id.append(to: &out)
        }
        return out
    }

    /// This entry's link in a version-1 or -2 chain, given the previous entry's hash.
    public func legacyChainHash(previous: String) -> String {
        legacyCanonicalBytes(previous: previous).withUnsafeBytes { SHA256.hex($0) }
    }
}

