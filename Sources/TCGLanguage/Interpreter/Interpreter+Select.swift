import TCGDomain

/// Selecting, sorting and tabulating records for `list` and `count`.
extension Interpreter {
    /// The indexes, in the visible register, of the records of a kind that satisfy a `where`
    /// condition (all when nil).
    func select(_ schema: KindSchema, where condition: Expr?, _ f: Frame) throws(Diagnostic) -> [Int] {
        let r = visibleRegister
        let n = schema.count(r)
        guard let condition else { return Array(0..<n) }
        let test = try predicate(condition, schema, f)
        var out: [Int] = []
        for i in 0..<n where try test(r, i) { out.append(i) }
        return out
    }

    func sort(_ rows: [Int], by keys: [OrderKey], _ schema: KindSchema) throws(Diagnostic) -> [Int] {
        var fields: [(Field, Bool)] = []
        for k in keys { fields.append((try field(k.field, schema, k.range), k.descending)) }
        let r = visibleRegister
        let decorated = rows.map { i in (i, fields.map { $0.0.get(r, i) }) }
        return decorated.sorted { a, b in
            for (n, (_, desc)) in fields.enumerated() {
                let c = Reports.order(a.1[n], b.1[n])
                if c != 0 { return desc ? c > 0 : c < 0 }
            }
            return a.0 < b.0
        }.map(\.0)
    }

    /// The rows split by a field's value, as shown (a person by name): groups in the field's
    /// order, those with no value last; rows keep their order within a group.
    func groups(_ rows: [Int], by field: Field) -> [(value: FieldValue?, rows: [Int])] {
        let r = visibleRegister
        var groups: [(value: FieldValue?, rows: [Int])] = []
        var place: [String?: Int] = [:]
        for i in rows {
            let value = field.get(r, i)
            // Grouped by what is shown, so people withheld under a ceiling make one group, not one each.
            let key = value?.display
            if let k = place[key] {
                groups[k].rows.append(i)
            } else {
                place[key] = groups.count
                groups.append((value, [i]))
            }
        }
        return groups.enumerated().sorted { a, b in
            let c = Reports.order(a.element.value, b.element.value)
            return c != 0 ? c < 0 : a.offset < b.offset
        }.map(\.element)
    }

    /// `count … group by FIELD`: one row per group, the field's value and how many records have it.
    func countSection(_ schema: KindSchema, _ groups: [(value: FieldValue?, rows: [Int])], by field: Field) -> Section {
        Section(key: schema.name, title: schema.name, columns: [field.name, "count"],
                rows: groups.map { [$0.value, .int($0.rows.count)] })
    }

    /// `list … group by FIELD`: a section of rows per group, titled with the group's value and size.
    func groupedDocument(_ schema: KindSchema, _ groups: [(value: FieldValue?, rows: [Int])], by field: Field) -> Document {
        // With nothing to group, one empty section still carries the columns (CSV's header).
        guard !groups.isEmpty else { return Document(shape: .groups(by: field.name), sections: [section(schema, [])]) }
        let sections = groups.map { g in
            var s = section(schema, g.rows)
            s.title = "\(field.name): \(g.value?.display ?? "none") (\(g.rows.count))"
            s.group = g.value
            return s
        }
        return Document(shape: .groups(by: field.name), sections: sections, alwaysTitled: true)
    }

    func section(_ schema: KindSchema, _ rows: [Int]) -> Section {
        Reports(register: visibleRegister, today: today).section(schema, rows, title: schema.name)
    }
}
