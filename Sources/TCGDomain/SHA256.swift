/// SHA-256 (FIPS 180-4), for the audit trail's hash chain. Small and dependency-free.
public struct SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The digest of some bytes as 64 lower-case hex digits.
    public static func hex<C: Collection>(_ message: C) -> String where C.Element == UInt8 {
        let bytes = Array(message)
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        // The padded tail: the last partial block, 0x80, zeros, and the length in bits.
        let full = bytes.count / 64 * 64
        var tail = Array(bytes[full...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) * 8
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            func block(_ p: UnsafeBufferPointer<UInt8>, _ at: Int) {
                for i in 0..<16 {
                    let b = at + i * 4
                    w[i] = UInt32(p[b]) << 24 | UInt32(p[b + 1]) << 16 | UInt32(p[b + 2]) << 8 | UInt32(p[b + 3])
                }
                for i in 16..<64 {
                    let a = w[i - 15], c = w[i - 2]
                    let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
                    let s1 = rotr(c, 17) ^ rotr(c, 19) ^ (c >> 10)
                    w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, hh) = h
                for i in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
                h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
            }
            bytes.withUnsafeBufferPointer { p in
                var at = 0
                while at < full { block(p, at); at += 64 }
            }
            tail.withUnsafeBufferPointer { p in
                var at = 0
                while at < p.count { block(p, at); at += 64 }
            }
        }
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            var n = 0
            for word in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
                for shift in stride(from: 28, through: 0, by: -4) {
                    out[n] = digits.utf8Start[Int((word >> UInt32(shift)) & 0xF)]
                    n += 1
                }
            }
            return 64
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

extension AuditEntry {
    /// The text the chain hashes: every field, each on its own line, so that altering any of them
    /// (or removing an entry) breaks the chain from there on.
    public func canonicalText(previous: String) -> String {
        var s = "tcg-audit-v1\n\(previous)\n\(seq)\n\(at)\n\(day)\n\(user)\n\(source)\n\(statement)\n"
        s += changes.joined(separator: "\u{1F}") + "\n" + ids.map(\.description).joined(separator: ",")
        return s
    }

    /// This entry's link in the chain, given the previous entry's hash ("" for the first).
    public func chainHash(previous: String) -> String {
        SHA256.hex(canonicalText(previous: previous).utf8)
    }
}

/// What `tcg verify` found wrong with an audit trail.
public struct AuditBreak: Sendable, Equatable, CustomStringConvertible {
    /// The position of the first entry that does not check out (0-based).
    public var index: Int
    /// The sequence number there.
    public var seq: Int
    /// What is wrong.
    public var message: String

    public var description: String { message }
}

extension AuditEntry {
    /// Checks a whole audit trail: numbers run 1, 2, 3… with none missing, and every entry's hash
    /// chains from the one before. Returns the first break, or nil. Entries written before the chain
    /// existed (empty hash) are accepted and restart the chain.
    public static func verify(_ entries: [AuditEntry]) -> AuditBreak? {
        var previous = ""
        var expected = 1
        for (i, e) in entries.enumerated() {
            if e.seq != expected {
                let what = e.seq > expected
                    ? "audit entry \(expected) is missing: entries \(expected)–\(e.seq - 1) were removed"
                    : "audit entry \(e.seq) is out of order or duplicated (expected \(expected))"
                return AuditBreak(index: i, seq: e.seq, message: what)
            }
            if e.hash.isEmpty {
                previous = ""
            } else if e.chainHash(previous: previous) != e.hash {
                return AuditBreak(index: i, seq: e.seq,
                                  message: "audit entry \(e.seq) was altered: its hash does not match its contents and the entry before it")
            } else {
                previous = e.hash
            }
            expected += 1
        }
        return nil
    }
}
