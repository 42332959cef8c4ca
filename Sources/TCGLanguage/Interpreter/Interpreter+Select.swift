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
        for i in 0..<n where test(r, i) { out.append(i) }
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

    func section(_ schema: KindSchema, _ rows: [Int]) -> Section {
        let fields = schema.outputFields
        let r = visibleRegister
        return Section(key: schema.name, title: schema.name, columns: fields.map(\.name),
                       rows: rows.map { i in fields.map { $0.get(r, i) } }, tableColumns: schema.tableColumns)
    }
}
