import XCTest
@testable import TCGDomain

final class DayTests: XCTestCase {
    func testParsingAndPrinting() {
        XCTAssertEqual(Day(iso: "2027-03-01")?.description, "2027-03-01")
        XCTAssertEqual(Day(iso: "1970-01-01")?.number, 0)
        XCTAssertNil(Day(iso: "2027-02-29"))
        XCTAssertEqual(Day(iso: "2028-02-29")?.description, "2028-02-29")
        XCTAssertNil(Day(iso: "2027-13-01"))
        XCTAssertNil(Day(iso: "27-03-01"))
    }

    func testArithmetic() {
        let d = Day(iso: "2027-01-31")!
        XCTAssertEqual(d.adding(months: 1).description, "2027-02-28")
        XCTAssertEqual(d.adding(Duration(count: 2, unit: .weeks)).description, "2027-02-14")
        XCTAssertEqual(d.adding(months: -2).description, "2026-11-30")
        XCTAssertEqual(Duration("3mo")?.unit, .months)
        XCTAssertEqual(Duration("14d")?.count, 14)
        XCTAssertNil(Duration("3x"))
        XCTAssertEqual(Day(iso: "2027-03-01")!.weekday, 0)
    }
}

final class SHA256Tests: XCTestCase {
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // The same vectors through the portable rounds, whatever the CPU.
        for (text, digest) in [("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                               ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] {
            XCTAssertEqual(Array(text.utf8).withUnsafeBytes { SHA256.hex($0, portable: true) }, digest)
        }
    }

    /// The SHA-extension path and the portable rounds agree on every length across the padding
    /// boundaries (55, 56, 63, 64 … bytes) and on longer messages.
    func testHardwareAndPortableRoundsAgree() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = []
        for length in 0...300 {
            while bytes.count < length {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                bytes.append(UInt8(truncatingIfNeeded: state))
            }
            let message = Array(bytes.prefix(length))
            let fast = message.withUnsafeBytes { SHA256.hex($0) }
            let portable = message.withUnsafeBytes { SHA256.hex($0, portable: true) }
            XCTAssertEqual(fast, portable, "length \(length)")
        }
        let long = [UInt8](repeating: 0x61, count: 1_000)
        XCTAssertEqual(long.withUnsafeBytes { SHA256.hex($0, portable: true) },
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

final class AuditChainTests: XCTestCase {
    func chain(_ n: Int) -> [AuditEntry] {
        var out: [AuditEntry] = []
        for i in 1...n {
            var e = AuditEntry(seq: i, at: "2027-01-01T00:00:00Z", day: Day(number: 20000), user: "u", source: "s:\(i)",
                               statement: "add unit U\(i)", changes: ["added unit U\(i)"], ids: [])
            e.hash = e.chainHash(previous: out.last?.hash ?? "") ?? ""
            out.append(e)
        }
        return out
    }

    func testAnIntactChainVerifies() { XCTAssertNil(AuditEntry.verify(chain(5))) }

    func testAlteringAnEntryIsFoundThere() {
        var c = chain(5)
        c[2].statement = "add unit Forged"
        XCTAssertEqual(AuditEntry.verify(c)?.seq, 3)
        var d = chain(5)
        d[3].user = "someone else"
        XCTAssertEqual(AuditEntry.verify(d)?.seq, 4)
    }

    func testRemovingAnEntryIsFound() {
        var c = chain(5)
        c.remove(at: 1)
        XCTAssertEqual(AuditEntry.verify(c)?.seq, 3)
        XCTAssertTrue(AuditEntry.verify(c)?.message.contains("audit entry 2 is missing") ?? false)
        var d = chain(5)
        d.removeFirst()
        XCTAssertEqual(AuditEntry.verify(d)?.index, 0)
        // Renumbering after removing does not help: the hashes no longer chain.
        var e = chain(5)
        e.remove(at: 1)
        for i in e.indices { e[i].seq = i + 1 }
        XCTAssertNotNil(AuditEntry.verify(e))
    }
}
