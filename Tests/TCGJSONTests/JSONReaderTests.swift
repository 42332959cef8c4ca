import Foundation
import TCGJSON
import XCTest

/// The pull reader: strictness, limits, error positions and the pull API.
final class JSONReaderTests: XCTestCase {
    /// The bytes of `text`.
    private func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// The error thrown when parsing `input` as a whole document, or a failure.
    private func parseError(
        _ input: [UInt8], file: StaticString = #filePath, line: UInt = #line
    ) -> JSONError? {
        do {
            let value = try JSONValue.parse(input)
            XCTFail("expected an error, parsed \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Limits

    /// `nextKey(among:)` names keys by their index, unescaping them first, and checks the
    /// object's syntax as `nextKey()` does.
    func testNextKeyAmongNamesKeysByIndex() throws {
        let names = ["seq", "at", "hash"].map { Array($0.utf8) }
        var reader = JSONReader(bytes: bytes(#"{"at": 1, "other": [2], "h\u0061sh": "x", "seq": 3}"#))
        try reader.beginObject()
        var found: [Int] = []
        while let key = try reader.nextKey(among: names) {
            found.append(key)
            try reader.skipValue()
        }
        try reader.finish()
        XCTAssertEqual(found, [1, 3, 2, 0])
        var trailing = JSONReader(bytes: bytes(#"{"at": 1,}"#))
        try trailing.beginObject()
        XCTAssertEqual(try trailing.nextKey(among: names), 1)
        try trailing.skipValue()
        XCTAssertThrowsError(try trailing.nextKey(among: names)) { error in
            XCTAssertTrue("\(error)".contains("trailing commas are not allowed"), "\(error)")
        }
    }

    func testHundredThousandNestedArraysIsADepthErrorAndQuick() {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let start = Date()
        let error = parseError(input)
        XCTAssertTrue(error?.message.contains("nesting depth") ?? false, "\(String(describing: error))")
        XCTAssertEqual(error?.offset, 512, "the 513th '[' is the one too deep")
        var reader = JSONReader(bytes: input)
        XCTAssertThrowsError(try reader.skipValue()) { error in
            XCTAssertTrue("\(error)".contains("nesting depth"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testDeeplyNestedObjectsIsADepthError() {
        let input = bytes(String(repeating: "{\"a\":", count: 100_000))
        XCTAssertTrue(parseError(input)?.message.contains("nesting depth") ?? false)
    }

    func testDepthLimitIsExact() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNoThrow(try JSONValue.parse(bytes(ok)))
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        XCTAssertTrue(parseError(bytes(tooDeep))?.message.contains("nesting depth") ?? false)
        XCTAssertNoThrow(try JSONValue.parse(bytes("[[{}]]"), maxDepth: 3))
        XCTAssertThrowsError(try JSONValue.parse(bytes("[[[{}]]]"), maxDepth: 3))
    }

    func testTwoMegabyteStringsRoundTrip() throws {
        let ascii = String(repeating: "abcdefghij", count: 200_000)
        let mixed = String(repeating: "Zoë \"quoted\" \\ tab\t line\n 😀 ", count: 80_000)
        for original in [ascii, mixed] {
            XCTAssertGreaterThanOrEqual(original.utf8.count, 2_000_000)
            var writer = JSONWriter()
            writer.beginArray()
            writer.string(original)
            writer.endArray()
            var reader = JSONReader(bytes: writer.bytes)
            try reader.beginArray()
            XCTAssertTrue(try reader.nextElement())
            let decoded = try reader.readString()
            XCTAssertFalse(try reader.nextElement())
            try reader.finish()
            XCTAssertEqual(decoded.utf8.count, original.utf8.count)
            XCTAssertTrue(decoded == original)
        }
    }

    // MARK: - Strings

    func testInvalidUTF8InStringsIsRejected() {
        let sequences: [[UInt8]] = [
            [0xFF],  // never valid
            [0x80],  // lone continuation byte
            [0xC0, 0x80],  // overlong NUL
            [0xE0, 0x80, 0xAF],  // overlong '/'
            [0xED, 0xA0, 0x80],  // encoded surrogate U+D800
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xE2, 0x82],  // truncated '€'
            [0xC3, 0x41],  // lead byte without continuation
        ]
        for sequence in sequences {
            let input = [UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "a")] + sequence
                + [UInt8(ascii: "\""), UInt8(ascii: "]")]
            let error = parseError(input)
            XCTAssertTrue(error?.message.contains("UTF-8") ?? false, "\(sequence): \(String(describing: error))")
            XCTAssertEqual(error?.offset, 3, "\(sequence)")
        }
        // The same bytes, long enough to go through the eight-byte scan first.
        let long = bytes("[\"abcdefghijklmnop") + [0xFF] + bytes("\"]")
        XCTAssertTrue(parseError(long)?.message.contains("UTF-8") ?? false)
        // Valid multi-byte text is accepted.
        XCTAssertEqual(try JSONValue.parse(bytes("\"é€😀\"")), .string("é€😀"))
    }

    func testNulAndOtherControlCharactersAreRejected() {
        for byte: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x1F] {
            let input = bytes("[\"ab") + [byte] + bytes("cd\"]")
            let error = parseError(input)
            XCTAssertTrue(error?.message.contains("control character") ?? false, "\(byte)")
            XCTAssertEqual(error?.offset, 4)
            // Also inside a long string, where the scan goes eight bytes at a time.
            let long = bytes("[\"abcdefghijklmnopqrstuvwxyz") + [byte] + bytes("abcdefghijklmnop\"]")
            XCTAssertTrue(parseError(long)?.message.contains("control character") ?? false, "\(byte)")
        }
        // Escaped, they are fine.
        XCTAssertEqual(try JSONValue.parse(bytes("\"a\\u0000b\\t\"")), .string("a\u{0}b\t"))
        // DEL (0x7F) is not a control character for JSON.
        XCTAssertEqual(try JSONValue.parse(bytes("\"\u{7F}\"")), .string("\u{7F}"))
    }

    func testEscapesDecode() throws {
        let input = #"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "x\u0041y"]"#
        XCTAssertEqual(
            try JSONValue.parse(bytes(input)),
            .array([.string("\"\\/\u{8}\u{C}\n\r\t"), .string("é€"), .string("😀"), .string("xAy")]))
    }

    func testBadEscapesAreRejected() {
        for input in [#"["\x"]"#, #"["\u12"]"#, #"["\u12G4"]"#, #"["\uD800"]"#, #"["\uDC00"]"#,
                      #"["\uD800\u0041"]"#, #"["\uD800\n"]"#, #"["\'"]"#, "[\"\\"] {
            XCTAssertNotNil(parseError(bytes(input)), input)
        }
    }

    // MARK: - Grammar

    func testStrictGrammarRejections() {
        let invalid = [
            "", " ", "[", "]", "[1,]", "{\"a\":1,}", "[,1]", "[1 2]", "{\"a\" 1}", "{1:1}", "{'a':1}",
            "['a']", "[01]", "[-01]", "[00]", "[NaN]", "[Infinity]", "[-Infinity]", "[+1]", "[.5]",
            "[1.]", "[1e]", "[1e+]", "[-]", "[0x10]", "[1] // comment", "/* c */ [1]", "[1]]",
            "tru", "nul", "True", "[true false]", "\u{0C}[1]", "[1]\u{0C}", "\u{A0}[1]", "{\"a\":}",
            "{\"a\"}", "{,}", "[\"a\" , ]", "1 2", "{\"a\":1}}", "\u{FEFF}[1]",
        ]
        for input in invalid {
            XCTAssertNotNil(parseError(bytes(input)), "should reject \(input.debugDescription)")
        }
    }

    func testLeadingZerosHaveTheirOwnMessage() {
        for input in ["[012]", "-00", "{\"a\":01}"] {
            XCTAssertEqual(parseError(bytes(input))?.message, "leading zeros are not allowed in numbers", input)
        }
    }

    func testValidEdgeCases() throws {
        let valid: [(String, JSONValue)] = [
            (" \t\r\n[ ] \n", .array([])),
            ("{}", .object([])),
            ("-0", .integer(0)),
            ("0e0", .number(0)),
            ("-1.5E+2", .number(-150)),
            ("\"\"", .string("")),
            ("[null,true,false]", .array([.null, .bool(true), .bool(false)])),
            ("{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}",
             .object([("a", .object([("b", .array([.integer(1), .object([("c", .string("d"))])]))]))])),
        ]
        for (input, expected) in valid {
            XCTAssertEqual(try JSONValue.parse(bytes(input)), expected, input)
        }
    }

    // MARK: - Numbers

    func testReadInt() throws {
        for (input, expected) in [("0", 0), ("-0", 0), ("42", 42), ("-17", -17),
                                  ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min)] {
            var reader = JSONReader(bytes: bytes(input))
            XCTAssertEqual(try reader.readInt(), expected, input)
            XCTAssertNoThrow(try reader.finish())
        }
        for input in ["9223372036854775808", "-9223372036854775809", "100000000000000000000"] {
            var reader = JSONReader(bytes: bytes(input))
            XCTAssertThrowsError(try reader.readInt()) { error in
                XCTAssertTrue("\(error)".contains("out of range"), "\(input): \(error)")
            }
        }
        for input in ["1.0", "1e2", "\"1\"", "true"] {
            var reader = JSONReader(bytes: bytes(input))
            XCTAssertThrowsError(try reader.readInt(), input)
        }
        // A too-large integer is still a valid JSON number.
        XCTAssertEqual(try JSONValue.parse(bytes("100000000000000000000")), .number(1e20))
    }

    func testReadDouble() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("0.1", 0.1), ("-2.5e-3", -0.0025), ("1E22", 1e22), ("1e23", 1e23),
            ("0.30000000000000004", 0.30000000000000004), ("123456789012345678901234567890", 1.2345678901234568e29),
            ("1.7976931348623157e308", 1.7976931348623157e308), ("5e-324", Double.leastNonzeroMagnitude), ("1e-400", 0),
            ("9007199254740993", 9007199254740992), ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)),
            ("0.000000000000000000000000000001", 1e-30), ("3.141592653589793238462643383279", Double.pi),
        ]
        for (input, expected) in cases {
            var reader = JSONReader(bytes: bytes(input))
            XCTAssertEqual(try reader.readDouble(), expected, input)
        }
        for input in ["1e400", "-1e400"] {
            var reader = JSONReader(bytes: bytes(input))
            XCTAssertThrowsError(try reader.readDouble(), input)
        }
    }

    // MARK: - Error positions

    func testTrailingCommaErrorPointsAtTheBrace() {
        let error = parseError(bytes("{\"a\": 1,}"))
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.column, 9)
        XCTAssertEqual(error?.offset, 8)
        XCTAssertTrue(error?.description.hasPrefix("line 1, column 9: ") ?? false, "\(String(describing: error))")
    }

    func testMultiLineErrorPosition() {
        let input = "{\n  \"name\": \"Zoë\",\n  \"age\" 42\n}"
        let error = parseError(bytes(input))
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 9)
        XCTAssertEqual(error?.message, "expected ':' after an object key")
        XCTAssertEqual(error?.description, "line 3, column 9: expected ':' after an object key")

        let missingComma = parseError(bytes("{\n\"a\": 1\n\"b\": 2}"))
        XCTAssertEqual(missingComma?.line, 3)
        XCTAssertEqual(missingComma?.column, 1)
        XCTAssertEqual(missingComma?.message, "expected ',' or '}' after an object member")
    }

    func testColumnsCountCharactersNotBytes() {
        let error = parseError(bytes("[\"ëëë\" x]"))
        XCTAssertEqual(error?.offset, 10)
        XCTAssertEqual(error?.column, 8)
    }

    func testTrailingDataIsRejected() {
        XCTAssertEqual(parseError(bytes("[1] [2]"))?.message, "unexpected data after the JSON value")
        XCTAssertEqual(parseError(bytes("[1] [2]"))?.offset, 4)
    }

    // MARK: - Pull API

    func testPullReaderWalksNestedDocument() throws {
        let input = """
            {
              "format": "tcg-workspace",
              "version": 3,
              "ratio": 0.25,
              "actions": [
                {"id": "A-1", "tags": ["x", "y"], "done": true, "note": null},
                {"id": "A-2", "tags": [], "done": false, "note": "later", "extra": {"deep": [[1], {"k": "v"}]}}
              ],
              "matrix": [[1, 2], [3]],
              "empty": {}
            }
            """
        struct Action: Equatable {
            var id = ""
            var tags: [String] = []
            var done = false
            var note: String?
        }
        var reader = JSONReader(bytes: bytes(input))
        XCTAssertEqual(try reader.peekKind(), .object)
        try reader.beginObject()
        var format = ""
        var version = 0
        var ratio = 0.0
        var actions: [Action] = []
        var matrix: [[Int]] = []
        var keys: [String] = []
        while let key = try reader.nextKey() {
            keys.append(key)
            switch key {
            case "format": format = try reader.readString()
            case "version": version = try reader.readInt()
            case "ratio": ratio = try reader.readDouble()
            case "actions":
                try reader.beginArray()
                while try reader.nextElement() {
                    var action = Action()
                    try reader.beginObject()
                    while let field = try reader.nextKey() {
                        switch field {
                        case "id": action.id = try reader.readString()
                        case "tags":
                            try reader.beginArray()
                            while try reader.nextElement() { action.tags.append(try reader.readString()) }
                        case "done": action.done = try reader.readBool()
                        case "note": action.note = try reader.tryReadNull() ? nil : try reader.readString()
                        default: try reader.skipValue()
                        }
                    }
                    actions.append(action)
                }
            case "matrix":
                try reader.beginArray()
                while try reader.nextElement() {
                    var row: [Int] = []
                    try reader.beginArray()
                    while try reader.nextElement() { row.append(try reader.readInt()) }
                    matrix.append(row)
                }
            default:
                XCTAssertEqual(try reader.peekKind(), .object)
                XCTAssertEqual(try reader.readValue(), .object([]))
            }
        }
        try reader.finish()
        XCTAssertEqual(keys, ["format", "version", "ratio", "actions", "matrix", "empty"])
        XCTAssertEqual(format, "tcg-workspace")
        XCTAssertEqual(version, 3)
        XCTAssertEqual(ratio, 0.25)
        XCTAssertEqual(actions, [
            Action(id: "A-1", tags: ["x", "y"], done: true, note: nil),
            Action(id: "A-2", tags: [], done: false, note: "later"),
        ])
        XCTAssertEqual(matrix, [[1, 2], [3]])
        XCTAssertEqual(reader.offset, input.utf8.count)
        XCTAssertEqual(reader.depth, 0)
    }

    func testPeekKindReportsEveryKind() throws {
        var reader = JSONReader(bytes: bytes(" [{}, [], \"s\", -1, 2.5, true, false, null]"))
        try reader.beginArray()
        var kinds: [JSONKind] = []
        while try reader.nextElement() {
            kinds.append(try reader.peekKind())
            try reader.skipValue()
        }
        try reader.finish()
        XCTAssertEqual(kinds, [.object, .array, .string, .number, .number, .bool, .bool, .null])
    }

    func testWrongKindErrorsNameBothKinds() {
        var reader = JSONReader(bytes: bytes("  42"))
        XCTAssertThrowsError(try reader.readString()) { error in
            XCTAssertEqual((error as? JSONError)?.message, "expected a string, found a number")
            XCTAssertEqual((error as? JSONError)?.column, 3)
        }
        var other = JSONReader(bytes: bytes("[1]"))
        XCTAssertThrowsError(try other.beginObject()) { error in
            XCTAssertEqual((error as? JSONError)?.message, "expected an object, found an array")
        }
    }

    func testTryReadNull() throws {
        var reader = JSONReader(bytes: bytes("[null, 7]"))
        try reader.beginArray()
        XCTAssertTrue(try reader.nextElement())
        XCTAssertTrue(try reader.tryReadNull())
        XCTAssertTrue(try reader.nextElement())
        XCTAssertFalse(try reader.tryReadNull())
        XCTAssertEqual(try reader.readInt(), 7)
        XCTAssertFalse(try reader.nextElement())
        try reader.finish()
    }

    func testSkipValueStopsExactlyWhereReadValueDoes() throws {
        let input = bytes(#"{"a":[1,{"b":"c\"d"},[[]]],"e":{"f":null}}  ,"#)
        var skipper = JSONReader(bytes: input)
        try skipper.skipValue()
        var reader = JSONReader(bytes: input)
        _ = try reader.readValue()
        XCTAssertEqual(skipper.offset, reader.offset)
        XCTAssertEqual(skipper.offset, input.count - 3)
        XCTAssertThrowsError(try skipper.finish())
    }

    func testTrailingCommaRejectedByPullAPI() throws {
        var reader = JSONReader(bytes: bytes("[1,]"))
        try reader.beginArray()
        XCTAssertTrue(try reader.nextElement())
        XCTAssertEqual(try reader.readInt(), 1)
        XCTAssertThrowsError(try reader.nextElement()) { error in
            XCTAssertTrue("\(error)".contains("trailing comma"), "\(error)")
        }
    }
}
