import Foundation
import TCGJSON
import XCTest

/// The writer: escaping, layouts, and agreement with the reader and with Foundation.
final class JSONWriterTests: XCTestCase {
    /// Strings that stress escaping.
    private let awkwardStrings = [
        "plain",
        "",
        "say \"hi\"",
        "back\\slash\\",
        "line\nbreak\ttab\rreturn\u{8}backspace\u{C}formfeed",
        "\u{0}nul\u{1}\u{1F}unit",
        "emoji 😀👍🏽🇫🇷 and 𝄞",
        "Zoë O'Brien-Müller",
        "a/b </script>",
        "\u{7F}\u{2028}\u{2029}\u{FEFF}",
    ]

    /// A value that uses every kind, nesting and non-ASCII text.
    private var sample: JSONValue {
        .object([
            ("format", .string("tcg-workspace")),
            ("version", .integer(1)),
            ("ratio", .number(0.1)),
            ("big", .number(1e300)),
            ("negative", .integer(-42)),
            ("flags", .array([.bool(true), .bool(false), .null])),
            ("actions", .array([
                .object([("id", .string("A-1")), ("title", .string("Zoë \"x\"\n")), ("tags", .array([]))]),
                .object([("id", .string("A-2")), ("title", .string("y")), ("nested", .object([("k", .array([.integer(1), .array([])]))]))]),
            ])),
            ("units", .array([])),
            ("meta", .object([])),
            ("names", .array(awkwardStrings.map { .string($0) })),
        ])
    }

    /// `value` written in `style`.
    private func write(_ value: JSONValue, _ style: JSONWriter.Style) -> JSONWriter {
        var writer = JSONWriter(style: style)
        writer.value(value)
        return writer
    }

    func testEscapedStringsRoundTripThroughTheReader() throws {
        var writer = JSONWriter()
        writer.beginObject()
        for (index, string) in awkwardStrings.enumerated() {
            writer.key(string)
            writer.string(string + "#\(index)")
        }
        writer.endObject()
        var reader = JSONReader(bytes: writer.bytes)
        try reader.beginObject()
        var index = 0
        while let key = try reader.nextKey() {
            XCTAssertEqual(key, awkwardStrings[index])
            XCTAssertEqual(try reader.readString(), awkwardStrings[index] + "#\(index)")
            index += 1
        }
        try reader.finish()
        XCTAssertEqual(index, awkwardStrings.count)
    }

    func testEscapingIsMinimal() {
        var writer = JSONWriter()
        writer.beginArray()
        for string in ["q\"b\\", "\n\t\r\u{8}\u{C}", "\u{0}\u{1F}", "a/b", "Zoë 😀"] {
            writer.string(string)
        }
        writer.endArray()
        XCTAssertEqual(
            writer.text(),
            #"["q\"b\\","\n\t\r\b\f","\u0000\u001f","a/b","Zoë 😀"]"#)
        // Non-ASCII is written as raw UTF-8, not as \u escapes.
        XCTAssertTrue(writer.bytes.contains(0xC3))
    }

    func testCompactLayout() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.double(2.5)
        writer.endArray()
        writer.key("b")
        writer.beginObject()
        writer.endObject()
        writer.field("c", strings: [])
        writer.field("d", "x")
        writer.key("e")
        writer.null()
        writer.key("f")
        writer.bool(true)
        writer.endObject()
        XCTAssertEqual(writer.text(), #"{"a":[1,2.5],"b":{},"c":[],"d":"x","e":null,"f":true}"#)
    }

    func testPrettyLayout() {
        let value: JSONValue = .object([
            ("a", .array([.integer(1), .integer(2)])),
            ("b", .object([("c", .string("d"))])),
            ("e", .array([])),
            ("f", .object([])),
        ])
        let expected = """
            {
              "a": [
                1,
                2
              ],
              "b": {
                "c": "d"
              },
              "e": [],
              "f": {}
            }
            """
        XCTAssertEqual(write(value, .pretty(indent: 2)).text(), expected)
        XCTAssertEqual(write(.array([.integer(1)]), .pretty(indent: 4)).text(), "[\n    1\n]")
    }

    func testRecordPerLineLayout() {
        var writer = JSONWriter(style: .recordPerLine)
        writer.beginObject()
        writer.field("format", "tcg-workspace")
        writer.field("version", 1)
        writer.key("actions")
        writer.beginArray()
        for (id, title) in [("A-1", "x"), ("A-2", "y")] {
            writer.beginObject()
            writer.field("id", id)
            writer.field("title", title)
            writer.field("tags", strings: ["p", "q"])
            writer.endObject()
        }
        writer.endArray()
        writer.key("units")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        let expected = """
            {
            "format": "tcg-workspace",
            "version": 1,
            "actions": [
            {"id":"A-1","title":"x","tags":["p","q"]},
            {"id":"A-2","title":"y","tags":["p","q"]}
            ],
            "units": []
            }
            """
        XCTAssertEqual(writer.text(), expected)
    }

    func testEveryStyleIsValidJSONForFoundationAndReparsesEqual() throws {
        let value = sample
        for style: JSONWriter.Style in [.compact, .pretty(indent: 2), .pretty(indent: 0), .recordPerLine] {
            let writer = write(value, style)
            let foundation = try JSONSerialization.jsonObject(with: Data(writer.bytes))
            let dictionary = try XCTUnwrap(foundation as? [String: Any], "\(style)")
            XCTAssertEqual(dictionary["format"] as? String, "tcg-workspace")
            XCTAssertEqual((dictionary["names"] as? [String]) ?? [], awkwardStrings, "\(style)")
            XCTAssertEqual(try JSONValue.parse(writer.bytes), value, "\(style)")
        }
    }

    func testRecordPerLinePutsOneRecordOnEachLine() throws {
        var records: [JSONValue] = []
        for index in 0..<50 {
            records.append(.object([("id", .string("A-\(index)")), ("text", .string("multi\nline \(index)"))]))
        }
        let value: JSONValue = .object([("format", .string("x")), ("actions", .array(records)), ("units", .array([]))])
        let lines = write(value, .recordPerLine).text().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 1 + 1 + 1 + 50 + 1 + 1 + 1 else {
            return XCTFail("expected 56 lines, got \(lines.count)")
        }
        for (index, line) in lines[3..<53].enumerated() {
            let record = line.hasSuffix(",") ? line.dropLast() : line
            XCTAssertEqual(try JSONValue.parse(String(record)), records[index])
        }
    }

    func testFieldHelpersSkipNils() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("a", "x")
        writer.field("b", nil as String?)
        writer.field("c", nil as Int?)
        writer.field("d", strings: ["p", "q"])
        writer.field("n", 3)
        writer.field("t", false)
        writer.field("u", nil as Bool?)
        writer.endObject()
        XCTAssertEqual(writer.text(), #"{"a":"x","d":["p","q"],"n":3,"t":false}"#)
    }

    func testNumbersRoundTrip() throws {
        let integers = [0, 1, -1, 42, Int.max, Int.min, 1_000_000]
        let doubles = [0.0, -0.0, 0.1, 1.0, -2.5, 1e-7, 1e300, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 123456.789, Double.pi]
        var writer = JSONWriter()
        writer.beginArray()
        integers.forEach { writer.int($0) }
        doubles.forEach { writer.double($0) }
        writer.double(.nan)
        writer.double(.infinity)
        writer.endArray()
        var reader = JSONReader(bytes: writer.bytes)
        try reader.beginArray()
        for integer in integers {
            XCTAssertTrue(try reader.nextElement())
            XCTAssertEqual(try reader.readInt(), integer)
        }
        for double in doubles {
            XCTAssertTrue(try reader.nextElement())
            let read = try reader.readDouble()
            XCTAssertEqual(read, double)
            XCTAssertEqual(read.sign, double.sign)
        }
        XCTAssertTrue(try reader.nextElement())
        try reader.readNull()
        XCTAssertTrue(try reader.nextElement())
        try reader.readNull()
        XCTAssertFalse(try reader.nextElement())
        try reader.finish()
    }

    func testValueDescriptionIsCompactJSON() {
        XCTAssertEqual(JSONValue.object([("a", .array([.integer(1), .null]))]).description, #"{"a":[1,null]}"#)
    }
}
