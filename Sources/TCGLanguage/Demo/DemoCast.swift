/// A task a demo operation sets: its PIER strand, what it is, who does it (council officers do the
/// council's prevention work, police officers enforcement and intelligence) and the result reported
/// when it is done.
struct DemoTask {
    let type: String
    let title: String
    let owner: String
    let result: String
}

/// A delivery plan a BCU's TT&CG runs for a quarter: what it serves, its objectives, the tasks it
/// sets in turn (`dues`: one a meeting for each entry, due that many days after the TT&CG), the
/// outcomes of its fortnightly reviews in turn, and how it ends.
struct DemoOperation {
    let name: String
    let priority: String
    let owner: String
    let objectives: String
    let tasks: [DemoTask]
    let dues: [Int]
    let reviews: [(outcome: String, note: String)]
    let focus: [String]
    let outcome: String
    let closing: String
}

/// Work a BCU's TT&CG keeps going through the year, from the day its priority is set: the
/// operation of each quarter (by the ST&CGs held; the last one goes on), so a new name in a new
/// quarter completes the old plan and creates the next.
struct DemoStream {
    let unit: String
    let from: String
    let operations: [DemoOperation]
}

/// A BCU's people and the words of its routine business.
struct DemoBCU {
    let unit: String
    let chair, manager, analyst, officer, sergeant, inspector, partner: String
    /// The first TT&CG; the IUM meets the day before each, the DMM every week from the day after.
    let firstTTCG: String
    let fastTrack: [(text: String, rationale: String)]
    let results: String
}

/// Who is in the demo, and what they do through the year.
enum DemoCast {
    /// The officer who leaves in June, the day they go, and who takes their work.
    static let leaver = (name: "PC Dan Frost", day: "2027-06-11", successor: "PC Amy Shah")

    /// Partner agencies' people: their tasks are delayed by contractors, not abstractions.
    static let council: Set<String> = ["Meg Lowe", "Hal Price", "Ruth Mensah"]

    /// Name, role, unit, agency.
    static let people: [(String, String, String?, String?)] = [
        ("ACC Priya Nair", "chair", "Westshire", nil),
        ("DCI Tom Reed", "director-of-intelligence", "Westshire", nil),
        ("Jo Park", "principal-analyst", "Westshire", nil),
        ("Ch Supt Leo Hart", "chair", "East", nil),
        ("DI Sam Adams", "intelligence-manager", "East", nil),
        ("DS Kim Ng", "intelligence-officer", "East", nil),
        ("Ola Reyes", "analyst", "East", nil),
        ("Insp Nia Vance", "duty-inspector", "East", nil),
        ("Sgt Bea Cole", "neighbourhood-sergeant", "East", nil),
        ("PC Dan Frost", "neighbourhood-officer", "East", nil),
        ("PC Amy Shah", "neighbourhood-officer", "East", nil),
        ("Supt Ade Bello", "chair", "West", nil),
        ("DI Rosa Lind", "intelligence-manager", "West", nil),
        ("DC Lee Ward", "intelligence-officer", "West", nil),
        ("Max Fern", "analyst", "West", nil),
        ("Insp Carl Webb", "duty-inspector", "West", nil),
        ("Sgt Ray Quinn", "response-sergeant", "West", nil),
        ("PC Joe Marsh", "response-officer", "West", nil),
        ("Ruth Mensah", "head-of-community-safety", "EastCSP", "East District Council"),
        ("Meg Lowe", "community-safety-officer", "EastCSP", "East District Council"),
        ("Hal Price", "crime-prevention-officer", nil, "West District Council"),
    ]

    static let bcus = [
        DemoBCU(unit: "East", chair: "Ch Supt Leo Hart", manager: "DI Sam Adams", analyst: "Ola Reyes", officer: "DS Kim Ng",
                sergeant: "Sgt Bea Cole", inspector: "Insp Nia Vance", partner: "Meg Lowe", firstTTCG: "2027-01-06",
                fastTrack: [("Fast-track: extra patrol at the bus station tonight", "Three calls about youths there yesterday evening"),
                            ("Fast-track: move Saturday's dispersal patrol to the retail park", "The group moved there last weekend"),
                            ("Fast-track: an officer at tonight's residents' meeting", "Residents asked for the neighbourhood team")],
                results: "Patrols and target hardening cut calls; the leaflets showed no measurable effect"),
        DemoBCU(unit: "West", chair: "Supt Ade Bello", manager: "DI Rosa Lind", analyst: "Max Fern", officer: "DC Lee Ward",
                sergeant: "Sgt Ray Quinn", inspector: "Insp Carl Webb", partner: "Hal Price", firstTTCG: "2027-01-07",
                fastTrack: [("Fast-track: crime prevention visits around last night's burglaries", "Two homes burgled in one street overnight"),
                            ("Fast-track: high-visibility patrol outside the late bars at closing time", "A fight reported there on Saturday")],
                results: "Hot-spot patrols worked after 22:00; earlier patrols showed no measurable effect"),
    ]

    static let eastASB = [
        DemoTask(type: "enforcement", title: "Evening patrols in the town centre", owner: "Sgt Bea Cole", result: "Patrols on six evenings; 4 dispersal notices, 2 arrests"),
        DemoTask(type: "prevention", title: "Hot-spot survey of the bus station", owner: "Meg Lowe", result: "Survey done; lighting and seating changes agreed with the council"),
        DemoTask(type: "enforcement", title: "Licensed premises visits on the high street", owner: "PC Dan Frost", result: "11 premises visited; one warning letter"),
        DemoTask(type: "reassurance", title: "Community meeting at the town hall", owner: "Sgt Bea Cole", result: "Meeting held; 35 residents and traders attended"),
        DemoTask(type: "intelligence", title: "Intelligence gathering on the evening groups", owner: "DS Kim Ng", result: "Five intelligence reports; two groups named"),
        DemoTask(type: "reassurance", title: "Leaflet drop to town-centre traders", owner: "Meg Lowe", result: "Leaflets delivered to 120 traders"),
        DemoTask(type: "prevention", title: "Lighting and CCTV survey of the precinct", owner: "Meg Lowe", result: "Two CCTV blind spots found; council repairs booked"),
        DemoTask(type: "enforcement", title: "Dispersal order patrols on Friday nights", owner: "PC Dan Frost", result: "Dispersal order enforced; 9 young people directed to leave"),
    ]

    static let countyLines = [
        DemoTask(type: "intelligence", title: "Debriefs of arrested drug users", owner: "DS Kim Ng", result: "Four debriefs; the line's phone number confirmed"),
        DemoTask(type: "enforcement", title: "Warrant at a suspected cuckooed address", owner: "PC Dan Frost", result: "Warrant executed; class A drugs seized, one arrest"),
        DemoTask(type: "prevention", title: "Safeguarding visits to cuckooed tenants", owner: "Meg Lowe", result: "Three tenants visited and referred to adult social care"),
        DemoTask(type: "intelligence", title: "Intelligence gathering on the line's runners", owner: "DS Kim Ng", result: "Two runners identified and referred as possible victims of exploitation"),
    ]

    static let repeatVictims = [
        DemoTask(type: "prevention", title: "Target hardening for repeat ASB victims", owner: "Meg Lowe", result: "Door cameras and locks fitted at six homes"),
        DemoTask(type: "reassurance", title: "Call-backs to repeat ASB victims", owner: "Sgt Bea Cole", result: "All 14 repeat victims called back"),
        DemoTask(type: "prevention", title: "Mediation referrals for neighbour disputes", owner: "Meg Lowe", result: "Four disputes referred to the council's mediation service"),
    ]

    static let burglary = [
        DemoTask(type: "enforcement", title: "Patrols of the burglary hot spots", owner: "Sgt Ray Quinn", result: "Patrols on eight nights; one arrest in Oaks Road"),
        DemoTask(type: "prevention", title: "Target hardening for repeat burglary victims", owner: "Hal Price", result: "Locks and window alarms fitted at nine homes"),
        DemoTask(type: "intelligence", title: "Debriefs of arrested burglars", owner: "DC Lee Ward", result: "Three debriefs; a handling address identified"),
        DemoTask(type: "reassurance", title: "Cocooning leaflets around burgled homes", owner: "Hal Price", result: "Leaflets to 200 homes around each burglary"),
        DemoTask(type: "prevention", title: "Crime prevention survey of the Oaks estate", owner: "Hal Price", result: "Survey done; 40 homes advised"),
        DemoTask(type: "enforcement", title: "Arrest enquiries for wanted burglary suspects", owner: "PC Joe Marsh", result: "Two suspects arrested and charged"),
    ]

    static let violence = [
        DemoTask(type: "enforcement", title: "Night-time economy patrols", owner: "Sgt Ray Quinn", result: "Patrols on Friday and Saturday nights; 3 arrests"),
        DemoTask(type: "enforcement", title: "Knife arch at the station on Fridays", owner: "PC Joe Marsh", result: "Knife arch run; one knife recovered"),
        DemoTask(type: "intelligence", title: "Intelligence gathering on knife carrying", owner: "DC Lee Ward", result: "Six intelligence reports; two carriers named"),
        DemoTask(type: "prevention", title: "Licensing review of late-night premises", owner: "Hal Price", result: "Licence conditions of two premises reviewed with the council"),
        DemoTask(type: "reassurance", title: "Street pastor and taxi marshal briefing", owner: "Hal Price", result: "Street pastors and marshals briefed on the patrol plan"),
    ]

    static let onTrack: [(outcome: String, note: String)] = [
        ("partly", "Calls down on the last fortnight; the Friday peak is still there"),
        ("met", "On track: fewer incidents reported by residents and traders"),
        ("partly", "Progress, but the problem is moving to the edge of the area"),
    ]

    static let sentinel = DemoOperation(
        name: "Op Sentinel", priority: "$lines", owner: "DS Kim Ng",
        objectives: "Identify and disrupt the county line supplying East; safeguard cuckooed tenants",
        tasks: countyLines, dues: [8], reviews: onTrack, focus: [], outcome: "met",
        closing: "The line disrupted: two arrests, three tenants safeguarded")

    static let sentinelII = DemoOperation(
        name: "Op Sentinel II", priority: "$lines", owner: "DS Kim Ng",
        objectives: "Stop a replacement line from establishing in East",
        tasks: countyLines, dues: [8], reviews: onTrack, focus: [], outcome: "partly", closing: "")

    static let streams = [
        DemoStream(unit: "East", from: "2027-01-05", operations: [
            DemoOperation(name: "Op Lantern", priority: "$asb", owner: "Sgt Bea Cole",
                          objectives: "Reduce evening ASB in the town centre (figures to be agreed with the council)",
                          tasks: eastASB, dues: [8, 14], reviews: onTrack,
                          focus: ["Focus on Friday and Saturday evenings in the town centre", "The groups gather at the bus station from 18:00"],
                          outcome: "partly", closing: "ASB calls down 14%, short of the fifth; the bus station is still the hot spot"),
            DemoOperation(name: "Op Beacon", priority: "$asb", owner: "Sgt Bea Cole",
                          objectives: "Cut evening ASB calls at the bus station by a quarter by the end of June",
                          tasks: eastASB, dues: [8, 14], reviews: onTrack,
                          focus: ["Keep the bus station patrols; the groups are testing the retail park", "Evening ASB rising at the retail park"],
                          outcome: "met", closing: "ASB calls at the bus station down 31%"),
            DemoOperation(name: "Op Lamplight", priority: "$asb", owner: "Sgt Bea Cole",
                          objectives: "Keep town-centre ASB calls below the spring level through the summer evenings",
                          tasks: eastASB, dues: [8, 14], reviews: onTrack,
                          focus: ["Evening ASB rising again near the station; target Fridays", "Summer evenings: the precinct and the station approach"],
                          outcome: "partly", closing: "Calls held below the spring level until September"),
        ]),
        DemoStream(unit: "East", from: "2027-01-05", operations: [sentinel, sentinel, sentinelII]),
        DemoStream(unit: "East", from: "2027-01-19", operations: [
            DemoOperation(name: "Op Haven", priority: "$haven", owner: "Meg Lowe",
                          objectives: "Halve the number of households repeatedly reporting ASB in East by December",
                          tasks: repeatVictims, dues: [14], reviews: onTrack, focus: [], outcome: "partly", closing: ""),
        ]),
        DemoStream(unit: "West", from: "2027-01-05", operations: [
            DemoOperation(name: "Op Harbour", priority: "$burglary", owner: "Sgt Ray Quinn",
                          objectives: "Cut residential burglary in West by a fifth by the end of March",
                          tasks: burglary, dues: [8, 14], reviews: onTrack,
                          focus: ["Burglary concentrated on the Oaks estate: target-harden repeat victims", "Burglaries after dark, 16:00-20:00"],
                          outcome: "met", closing: "Residential burglary down 22%"),
            DemoOperation(name: "Op Anchor", priority: "$burglary", owner: "Sgt Ray Quinn",
                          objectives: "Hold burglary at the reduced level and target-harden every repeat victim",
                          tasks: burglary, dues: [8, 14], reviews: onTrack,
                          focus: ["Burglary steady; keep the repeat-victim visits", "Two wanted suspects active again on the Oaks estate"],
                          outcome: "met", closing: "Burglary down 28% year on year; every repeat victim visited"),
            DemoOperation(name: "Op Quayside", priority: "$violence", owner: "Sgt Ray Quinn",
                          objectives: "Cut knife injuries in the night-time economy by a quarter by December",
                          tasks: violence, dues: [8, 14], reviews: onTrack,
                          focus: ["Night-time violence peaks after 01:00 near the station", "Knife carrying linked to two groups at the late bars"],
                          outcome: "partly", closing: ""),
        ]),
    ]
}
