import TCGDomain

/// The demo register for trainers: a year of T&C business in Westshire, written as a tcg script
/// so that it is built through the language like any other register. Deterministic.
///
/// Westshire (force) has two BCUs, East and West, and East's community safety partnership
/// (EastCSP, with East District Council). The year's meetings are planned with `schedule` on 4
/// January: an ST&CG each quarter, a PSG each quarter, and for each BCU a fortnightly TT&CG, its
/// IUM the day before and a weekly DMM. Each ST&CG reads its own strategic assessment and sets or
/// amends the control strategy (priorities with PIER strands; in July burglary is retired and
/// night-time violence added; candidates rejected with why); the PSG sets the partnership's
/// priority, repeat victims of ASB. Each TT&CG reads the IUM's tactical assessment, reviews each
/// plan against its objectives (`review plan`), tasks PIER actions owned by the right agency, and
/// at the first TT&CG of a quarter completes the last quarter's plans (actions completed at the
/// meeting, or cancelled as carried forward) and creates the next. DMMs record progress,
/// completions, delays and fast-track decisions; IUMs present products and deliver commissions.
/// East escalates the May fair to the force, whose TT&CG plans and closes it; Op Beacon's
/// operational review reports; an officer leaves in June and hands over; a plan's objectives are
/// agreed and due dates moved with `amend`/`modify`. The clock is set to each meeting's day as it
/// goes, so the audit trail dates the business when it was done, and is left on the morning of
/// East's TT&CG of 13 October 2027, with work overdue and Q3's plans due for review.
public enum DemoScript {
    /// The day the demo's clock is set to: the morning of a TT&CG.
    public static let teachingDay = "2027-10-13"

    /// The script's text.
    public static func text() -> String {
        DemoYear().script()
    }
}
