import TCGJSON
import XCTest

/// The in-memory value: accessors and equality.
final class JSONValueTests: XCTestCase {
    func testAccessors() throws {
        let value = try JSONValue.parse(#"{"s":"x","i":3,"d":2.0,"f":2.5,"a":[1,"two"],"o":{"k":null},"b":true}"#)
        XCTAssertEqual(value["s"]?.stringValue, "x")
        XCTAssertEqual(value["i"]?.intValue, 3)
        XCTAssertEqual(value["d"]?.intValue, 2)
        XCTAssertNil(value["f"]?.intValue)
        XCTAssertEqual(value["f"]?.doubleValue, 2.5)
        XCTAssertEqual(value["a"]?.arrayValue?.count, 2)
        XCTAssertEqual(value["a"]?[1]?.stringValue, "two")
        XCTAssertNil(value["a"]?[2])
        XCTAssertEqual(value["o"]?.objectValue?.first?.0, "k")
        XCTAssertEqual(value["o"]?["k"]?.isNull, true)
        XCTAssertEqual(value["b"]?.boolValue, true)
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["s"]?["x"])
        XCTAssertNil(value["s"]?.intValue)
        XCTAssertEqual(value.objectValue?.map(\.0), ["s", "i", "d", "f", "a", "o", "b"])
    }

    func testEqualityKeepsMemberOrderAndComparesNumbersByValue() {
        let ab: JSONValue = .object([("a", .integer(1)), ("b", .integer(2))])
        let ba: JSONValue = .object([("b", .integer(2)), ("a", .integer(1))])
        XCTAssertEqual(ab, ab)
        XCTAssertNotEqual(ab, ba)
        XCTAssertNotEqual(JSONValue.object([("a", .null)]), .object([("b", .null)]))
        XCTAssertNotEqual(ab, .object([("a", .integer(1))]))
        XCTAssertEqual(JSONValue.integer(1), .number(1.0))
        XCTAssertEqual(JSONValue.number(1.0), .integer(1))
        XCTAssertNotEqual(JSONValue.integer(1), .number(1.5))
        XCTAssertNotEqual(JSONValue.integer(9_007_199_254_740_993), .number(9_007_199_254_740_992))
        XCTAssertNotEqual(JSONValue.string("1"), .integer(1))
        XCTAssertNotEqual(JSONValue.array([]), .object([]))
        XCTAssertNotEqual(JSONValue.null, .bool(false))
    }
}
