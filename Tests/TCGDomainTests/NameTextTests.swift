import TCGDomain
import XCTest

/// Names that look the same are the same name; names that could fool a reader are refused.
final class NameTextTests: XCTestCase {
    func testLookalikeSpacesAndZeroWidthCharactersFindTheSamePerson() throws {
        var r = Register()
        let id = try r.addPerson(name: "Kim Ng", role: nil, unit: nil, agency: nil)
        for spelling in ["Kim\u{A0}Ng", "kim\u{2009}ng", "Kim  Ng", "Kim\u{3000}Ng", "Kim N\u{200B}g", "\u{FEFF}Kim\u{202F}Ng "] {
            XCTAssertEqual(r.personNumber(named: spelling), id.number, spelling.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        XCTAssertThrowsError(try r.addPerson(name: "Kim\u{A0}Ng", role: nil, unit: nil, agency: nil)) { error in
            XCTAssertEqual(error as? DomainError, .duplicatePerson(name: "Kim Ng", existing: id))
        }
    }

    func testCanonicallyEquivalentSpellingsAreOneName() throws {
        var r = Register()
        let id = try r.addPerson(name: "Zo\u{EB}", role: nil, unit: nil, agency: nil)
        XCTAssertEqual(r.personNumber(named: "Zoe\u{308}"), id.number)
    }

    func testANameIsKeptWithPlainSpaces() throws {
        var r = Register()
        let id = try r.addPerson(name: " Ana\u{A0}\u{A0}Ruiz ", role: nil, unit: nil, agency: nil)
        XCTAssertEqual(r.name(of: id.number), "Ana Ruiz")
        try r.addUnit(name: "North\u{2007}East", kind: .force, parent: nil)
        XCTAssertEqual(r.unit(named: "north east")?.name, "North East")
    }

    func testNamesWithControlBidiOrZeroWidthCharactersAreRefused() {
        var r = Register()
        for (name, scalar) in [("Kim \u{202E}gN", 0x202E), ("Kim\u{1B}[2J", 0x1B), ("Kim\u{200B}Ng", 0x200B), ("A\u{0}B", 0), ("A\u{2066}B", 0x2066)] {
            XCTAssertThrowsError(try r.addPerson(name: name, role: nil, unit: nil, agency: nil)) { error in
                XCTAssertEqual(error as? DomainError, .forbiddenInName(.person, Unicode.Scalar(UInt32(scalar))!))
            }
            XCTAssertThrowsError(try r.addUnit(name: name, kind: nil, parent: nil)) { error in
                XCTAssertEqual(error as? DomainError, .forbiddenInName(.unit, Unicode.Scalar(UInt32(scalar))!))
            }
        }
        XCTAssertTrue(r.people.isEmpty && r.units.isEmpty)
    }
}
