@testable import TCGPostgres
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
