import TCGDomain

/// Selecting, sorting and tabulating records for `list` and `count`.
extension Interpreter {
    /// The indexes of the records of a kind that satisfy a `where` condition (all when nil) and
    /// may be shown under `--max-marking`.
    func select(_ schema: KindSchema, where condition: Expr?, _ f: Frame) throws(Diagnostic) -> [Int] {
        let n = schema.count(register)
        let max = maxMarking
        guard let condition else { return (0..<n).filter { schema.visible(register, $0, under: max) } }
        let test = try predicate(condition, schema, f)
        let r = register
        var out: [Int] = []
        for i in 0..<n where test(r, i) && schema.visible(r, i, under: max) { out.append(i) }
        return out
    }

    func sort(_ rows: [Int], by keys: [OrderKey], _ schema: KindSchema) throws(Diagnostic) -> [Int] {
        var fields: [(Field, Bool)] = []
        for k in keys { fields.append((try field(k.field, schema, k.range), k.descending)) }
        let r = register
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
        let r = register
        return Section(key: schema.name, title: schema.name, columns: fields.map(\.name),
                       rows: rows.map { i in fields.map { $0.get(r, i) } }, tableColumns: schema.tableColumns)
    }
}
