import XCTest
@testable import TCGDomain

final class RecordListTests: XCTestCase {
    func testBehavesLikeAnArray() {
        var list = RecordList<Int>()
        var array: [Int] = []
        for i in 0..<2000 {
            list.append(i * 3)
            array.append(i * 3)
        }
        XCTAssertEqual(Array(list), array)
        XCTAssertEqual(list.count, 2000)
        list[1000] = -1
        array[1000] = -1
        list.insert(7, at: 513)
        array.insert(7, at: 513)
        list.remove(at: 10)
        array.remove(at: 10)
        XCTAssertEqual(list.removeLast(), array.removeLast())
        XCTAssertEqual(Array(list), array)
        list.removeAll { $0 % 2 == 0 }
        array.removeAll { $0 % 2 == 0 }
        XCTAssertEqual(Array(list), array)
    }

    func testACopySharesAllButTheChangedChunk() {
        var a = RecordList<Int>(0..<5000)
        let b = a
        a[4000] = -1
        XCTAssertEqual(b[4000], 4000, "the copy keeps its value")
        XCTAssertEqual(a[4000], -1)
        // Chunks other than the changed one are the same storage.
        a.chunks[0].withUnsafeBufferPointer { pa in
            b.chunks[0].withUnsafeBufferPointer { pb in XCTAssertEqual(pa.baseAddress, pb.baseAddress) }
        }
        a.chunks[7].withUnsafeBufferPointer { pa in
            b.chunks[7].withUnsafeBufferPointer { pb in XCTAssertNotEqual(pa.baseAddress, pb.baseAddress) }
        }
    }

    func testBinarySearchByNumber() throws {
        var r = Register()
        try r.addUnit(name: "W", kind: .force, parent: nil)
        for i in 0..<1500 { _ = try r.addPerson(name: "Person \(i)", role: nil, unit: nil, agency: nil) }
        XCTAssertEqual(r.people.index(ofNumber: 1234), 1233)
        XCTAssertNil(r.people.index(ofNumber: 1501))
    }
}
