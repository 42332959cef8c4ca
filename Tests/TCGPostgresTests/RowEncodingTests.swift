@testable import TCGPostgres
import TCGStore
import TCGTestSupport
import XCTest

/// How rows are encoded for the server: values read from a record's JSON as `->>` reads them
/// (``JSONMembers``), and rows in COPY's text format (``PGCopyRows``).
final class RowEncodingTests: XCTestCase {
    func testMembersAreReadAsTheServerReadsThem() {
        let json = #"{"id":"A-1","title":"Say \"hi\" \\ then\nleave\t\u00e9\ud83d\ude00","n":12,"ok":true,"none":null,"#
            + #""progress":[{"status":"not this","x":[1,{"y":"}"}]}],"subject":{"kind":"action","record":"A-7"},"status":"open"}"#
        let values = JSONMembers.values(in: json, at: [["id"], ["title"], ["n"], ["ok"], ["none"], ["missing"], ["subject", "record"],
                                                      ["status"], ["subject", "missing"], ["progress", "status"]])
        XCTAssertEqual(values, ["A-1", "Say \"hi\" \\ then\nleave\té😀", "12", "true", nil, nil, "A-7", "open", nil, nil])
    }

    func testCopyRowsEscapeWhatTheTextFormatNeeds() {
        var rows = PGCopyRows()
        rows.append(["plain", nil, "back\\slash\ttab\nnew\rreturn", ""])
        rows.append(["é"])
        XCTAssertEqual(String(decoding: rows.bytes, as: UTF8.self), "plain\t\\N\tback\\\\slash\\ttab\\nnew\\rreturn\t\né\n")
        XCTAssertEqual(rows.count, 2)
    }

    /// Values are scanned eight bytes at a time: each byte that needs an escape, and some that
    /// look like one (other control bytes, `[`), at every place in values of many lengths.
    func testEveryEscapeIsFoundWhereverItIs() {
        let escaped: [(UInt8, String)] = [(92, "\\\\"), (9, "\\t"), (10, "\\n"), (13, "\\r"), (1, "\u{1}"), (12, "\u{c}"), (14, "\u{e}"), (91, "["), (93, "]")]
        for length in 1...24 {
            for place in 0..<length {
                for (byte, shown) in escaped {
                    var bytes = Array("abcdefghijklmnopqrstuvwxyz".utf8.prefix(length))
                    bytes[place] = byte
                    var rows = PGCopyRows()
                    rows.append([String(decoding: bytes, as: UTF8.self), "é"])
                    let expected = String(decoding: bytes[..<place], as: UTF8.self) + shown + String(decoding: bytes[(place + 1)...], as: UTF8.self)
                    XCTAssertEqual(String(decoding: rows.bytes, as: UTF8.self), expected + "\té\n", "byte \(byte) at \(place) of \(length)")
                }
            }
        }
        XCTAssertFalse(PGCopyRows.mayNeedEscape(0x6867_6665_6463_6261))
        XCTAssertTrue(PGCopyRows.mayNeedEscape(0x6867_6665_6463_5C61))
        XCTAssertTrue(PGCopyRows.mayNeedEscape(0x0A67_6665_6463_6261))
    }

    /// The binary format: a row refused (a value its integer or date column cannot hold) adds
    /// nothing, and the rows before it stay as they were.
    func testBinaryRowsRefuseWhatTheirColumnsCannotHold() {
        var rows = PGCopyRows(binary: [.integer, .date, .text])
        XCTAssertTrue(rows.append(["1", "2027-01-15", "a"]))
        let before = rows.bytes
        for bad in [["x", "2027-01-15", "a"], ["99999999999", "2027-01-15", "a"], ["2", "2027-02-30", "a"], ["2", "15/01/2027", "a"],
                    ["2", "2027-1-15", "a"]] {
            XCTAssertFalse(rows.append(bad), "\(bad)")
            XCTAssertEqual(rows.bytes, before, "\(bad)")
            XCTAssertEqual(rows.count, 1)
        }
        XCTAssertEqual(rows.options, " WITH (FORMAT binary)")
        XCTAssertEqual(PGCopyRows().options, "")
        // The header, one row (3 values: 4-byte integer, 4-byte date, 1-byte text), the trailer.
        XCTAssertEqual(Array(before.prefix(11)), Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        XCTAssertEqual(before.count, 11 + 8 + 2 + (4 + 4) + (4 + 4) + (4 + 1) + 2)
        XCTAssertEqual(Array(before.suffix(2)), [0xFF, 0xFF])
    }

    /// What a binary COPY loads is what was given: texts byte for byte, integers, and dates
    /// on both sides of the server's epoch (on the test server).
    func testBinaryRowsReadBackExactly() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let db = try PGConnection(PGAddress(url))
        try db.exec("CREATE TABLE t (n integer, d date, a text, b text)")
        let values: [[String?]] = [["1", "2000-01-01", #"{"s":"a\"b\\c"}"#, nil], ["2", "1999-12-31", "tab\there\nline\r\\N", "\\."],
                                   ["3", "2024-02-29", "", "é😀"], ["-4", "0001-01-01", "PGCOPY\n\u{FF}", "x"], ["2147483647", "9999-12-31", nil, ""],
                                   ["6", nil, "a", "b"]]
        var rows = PGCopyRows(binary: [.integer, .date, .text, .text])
        for row in values { XCTAssertTrue(rows.append(row)) }
        XCTAssertEqual(try db.copy("COPY t FROM STDIN\(rows.options)", rows), values.count)
        XCTAssertEqual(try db.exec("SELECT n, to_char(d, 'YYYY-MM-DD'), a, b FROM t ORDER BY n").rows, values.sorted { Int($0[0]!)! < Int($1[0]!)! })
        // The store's rows: binary, unless a value cannot be (then text, and the server says why).
        let store = PostgresStore(address: PGAddress(url))
        func copied(_ due: String) -> String? {
            var register = RegisterRows()
            register.records = (1...PostgresStore.rowsToCopy).map { n in
                RecordRow(key: .init(table: "actions", id: "A-\(n)"), number: n, json: #"{"id":"A-\#(n)","due":"\#(n == 7 ? due : "2027-01-15")"}"#, isNew: true)
            }
            for write in store.writes(for: register) { if case .copy(let sql, _) = write { return sql } }
            return nil
        }
        XCTAssertEqual(copied("2027-01-16").map { $0.hasSuffix("FROM STDIN WITH (FORMAT binary)") }, true)
        XCTAssertEqual(copied("soon").map { $0.hasSuffix("FROM STDIN") }, true)
    }

    /// What COPY loads is what was given, byte for byte (on the test server).
    func testCopiedRowsReadBackExactly() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let db = try PGConnection(PGAddress(url))
        try db.exec("CREATE TABLE t (n integer, a text, b text)")
        let values: [[String?]] = [["1", #"{"s":"a\"b\\c"}"#, nil], ["2", "tab\there\nline\r\\N", "\\."], ["3", "", "é😀"]]
        var rows = PGCopyRows()
        for row in values { rows.append(row) }
        XCTAssertEqual(try db.copy("COPY t FROM STDIN", rows), 3)
        XCTAssertEqual(try db.exec("SELECT n, a, b FROM t ORDER BY n").rows, values)
        // A refused COPY is an error, and the connection is usable after it.
        var bad = PGCopyRows()
        bad.append(["not a number", "x", "y"])
        XCTAssertThrowsError(try db.copy("COPY t FROM STDIN", bad)) { XCTAssertEqual(($0 as? PGError)?.sqlState, "22P02", "\($0)") }
        XCTAssertEqual(try db.exec("SELECT count(*) FROM t").scalar, "3")
    }
}
