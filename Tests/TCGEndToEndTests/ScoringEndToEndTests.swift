import Foundation
import XCTest

/// Scores and schemes through the real binary: kept in the workspace and its journal, read back,
/// covered by `tcg verify`; a refused score leaves the register byte for byte as it was (on both
/// stores: StoreUnderTest).
final class ScoringEndToEndTests: FolderTestCase {
    override class var storeWorkspace: String? { "ws.json" }

    let setup = """
        add unit Westshire kind force
        add person "Ch Supt Leo Hart" unit Westshire
        add product strategic-assessment "Westshire SA" date 2027-01-05
        add candidate "County lines" unit Westshire from AS-1
        add candidate "Cycle theft" unit Westshire
        set scheme band critical from 250
        score X-1 harm physical 4 psychological 4 financial 2 community 4 likelihood 5 position 4 confidence low rationale "Exploitation"
        score X-2 harm physical 1 psychological 1 financial 2 community 2 likelihood 5 position 2 confidence high rationale "Volume"
        create meeting stcg on 2027-02-01 unit Westshire
        adopt X-1 owner "Ch Supt Leo Hart" rationale "Top score" at M-1
        """

    func run(_ args: [String]) throws -> TcgProcess.Result {
        try tcg(["--workspace", try workspace.path(), "--today", "2027-02-01"] + args)
    }

    /// The register as it stands (``TestWorkspace/snapshot(in:)``).
    func files() throws -> Data { try workspace.snapshot(in: folder) }

    func testScoresAndSchemesAreKeptVerifiedAndARefusalChangesNothing() throws {
        try write("setup.tcg", setup)
        let made = try run(["run", "setup.tcg"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let before = try files()
        let refused = try run(["-c", "score X-2 harm physical 7 rationale \"x\""])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("-c:1:25: error: physical harm is scored 0–4; 7 is out of scale"), refused.stderr)
        XCTAssertEqual(try files(), before, "the workspace is byte-identical after a refused score")
        let adoptAtNoMeeting = try run(["-c", "reject X-2 rationale \"no\""])
        XCTAssertEqual(adoptAtNoMeeting.status, 1)
        XCTAssertEqual(try files(), before)

        let json = try run(["--format", "json", "-c", "rank candidates all"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], json.stdout)
        XCTAssertEqual(rows.map { $0["id"] as? String }, ["P-1", "X-2"])
        XCTAssertEqual(rows.map { $0["score"] as? Int }, [280, 60])
        XCTAssertEqual(rows.map { $0["band"] as? String }, ["critical", "medium"])
        XCTAssertEqual(try run(["-c", "show scheme"]).stdout.contains("critical  250"), true)
        let verified = try tcg(["--workspace", try workspace.path(), "verify"])
        XCTAssertEqual(verified.status, 0, verified.stderr + verified.stdout)
        // A rescore is kept beside the first.
        XCTAssertEqual(try run(["-c", "score X-2 likelihood 4 rationale \"Fewer reports\""]).status, 0)
        let shown = try run(["-c", "show X-2"]).stdout
        XCTAssertTrue(shown.contains("Volume") && shown.contains("Fewer reports"), shown)
        XCTAssertEqual(try tcg(["--workspace", try workspace.path(), "verify"]).status, 0)
    }
}
