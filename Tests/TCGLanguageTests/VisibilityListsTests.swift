import TCGDomain
import TCGTestSupport
import XCTest

/// What a database's row-level security hides (``Register/hidden(under:)``,
/// ``Register/hides(_:hidden:names:)``) is exactly what `--max-marking` leaves out, and a
/// register missing those records reads as the view does once they are withheld.
final class VisibilityListsTests: XCTestCase {
    func testTheHiddenRecordsAndEntriesAreThoseAViewUnderTheCeilingLeavesOut() {
        let made = ScriptHarness.interpreter()
        XCTAssertNil(ScriptHarness.run(made, MarkedRegister.script).error)
        let full = made.register
        let hidden = full.hidden(under: .official)
        let view = full.visible(under: .official)
        XCTAssertFalse(hidden.records.isEmpty)
        for id in hidden.records { XCTAssertFalse(view.exists(id), "\(id) is listed hidden but the view shows it") }
        var hiddenEntries = 0
        for entry in full.audit {
            let hides = Register.hides(entry, hidden: hidden.records, names: hidden.names)
            XCTAssertEqual(hides, !view.shows(entry), "entry \(entry.seq): \(entry.statement)")
            if hides { hiddenEntries += 1 }
        }
        XCTAssertGreaterThan(hiddenEntries, 0)
        XCTAssertTrue(full.hidden(under: .officialSensitive).records.isEmpty)
    }
}
