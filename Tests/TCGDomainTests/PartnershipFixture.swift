@testable import TCGDomain

/// The register `ScheduleTests` and `PartnershipTests` start from: a force, a BCU and a
/// partnership under it, and a police officer of the BCU; nothing pending for the audit trail.
enum PartnershipFixture {
    /// The register and the officer's number.
    static func register() throws -> (register: Register, leo: Int) {
        var r = Register()
        try r.addUnit(name: "Westshire", kind: .force, parent: nil)
        try r.addUnit(name: "East", kind: .bcu, parent: "Westshire")
        try r.addUnit(name: "EastCSP", kind: .partnership, parent: "Westshire")
        let leo = try r.addPerson(name: "Ch Supt Leo Hart", role: nil, unit: "East", agency: nil).number
        _ = r.takePending()
        return (r, leo)
    }
}
