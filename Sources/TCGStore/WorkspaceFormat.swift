import TCGDomain
import TCGJSON

/// The workspace file format (docs/workspace.md): one JSON object, version 1.
public enum WorkspaceFormat {
    /// The value of the `format` member.
    public static let name = "tcg-workspace"
    /// The format version this tcg writes and reads.
    public static let version = 1

    /// The register as a workspace document: JSON laid out one record per line, ending in a newline.
    public static func encode(_ register: Register) -> [UInt8] {
        let records = register.people.count + register.meetings.count + register.products.count
            + register.priorities.count + register.candidates.count + register.requirements.count
            + register.commissions.count + register.plans.count + register.actions.count
            + register.decisions.count + register.escalations.count + register.reviews.count
        var w = JSONWriter(style: .recordPerLine, capacity: 4096 + 256 * (records + register.units.count) + 512 * register.audit.count)
        w.beginObject()
        w.field("format", name)
        w.field("version", version)
        w.field("clock", day: register.clock)
        w.field("current_meeting", .meeting, register.currentMeeting)
        w.key("last_ids")
        w.beginObject()
        for kind in RecordKind.allCases {
            if let last = register.lastNumber[kind] { w.field(kind.prefix, last) }
        }
        w.endObject()
        w.key("units"); w.beginArray(); for u in register.units { w.record(u) }; w.endArray()
        w.key("people"); w.beginArray(); for p in register.people { w.record(p) }; w.endArray()
        w.key("meetings"); w.beginArray(); for m in register.meetings { w.record(m) }; w.endArray()
        w.key("products"); w.beginArray(); for p in register.products { w.record(p) }; w.endArray()
        w.key("priorities"); w.beginArray(); for p in register.priorities { w.record(p) }; w.endArray()
        w.key("candidates"); w.beginArray(); for c in register.candidates { w.record(c) }; w.endArray()
        w.key("requirements"); w.beginArray(); for r in register.requirements { w.record(r) }; w.endArray()
        w.key("commissions"); w.beginArray(); for c in register.commissions { w.record(c) }; w.endArray()
        w.key("plans"); w.beginArray(); for p in register.plans { w.record(p) }; w.endArray()
        w.key("actions"); w.beginArray(); for a in register.actions { w.record(a) }; w.endArray()
        w.key("decisions"); w.beginArray(); for d in register.decisions { w.record(d) }; w.endArray()
        w.key("escalations"); w.beginArray(); for e in register.escalations { w.record(e) }; w.endArray()
        w.key("reviews"); w.beginArray(); for r in register.reviews { w.record(r) }; w.endArray()
        w.key("audit"); w.beginArray(); for a in register.audit { w.record(a) }; w.endArray()
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Reads a workspace document; `path` names the file in errors.
    ///
    /// Refuses (never crashes on) anything that is not a valid version-1 workspace: malformed
    /// JSON, another format or version, wrong id kinds, impossible dates, unknown enum values,
    /// records out of id order or duplicated, and references to people who do not exist.
    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> Register {
        var register = try WorkspaceDecoder.decode(bytes, path: path)
        if let problem = WorkspaceValidator.problem(in: register) {
            throw StoreError(path: path, message: problem,
                             help: "the workspace is inconsistent; restore it from a backup, or correct it by hand (docs/workspace.md)")
        }
        register.reindex()
        return register
    }
}
