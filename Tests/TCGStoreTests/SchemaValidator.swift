import TCGJSON

/// A JSON Schema (draft 2020-12) validator for the keywords docs/workspace.schema.json uses:
/// type, properties, required, items, enum, pattern, const, $ref (to `#/$defs/…`), minimum,
/// anyOf, oneOf and additionalProperties, plus annotations. Any other keyword is reported as an
/// error, so the schema cannot silently use something this validator ignores.
final class SchemaValidator {
    /// The whole schema, for `$ref`.
    let root: JSONValue
    /// When true, an object member not listed in its schema's `properties` is an error
    /// (unless `additionalProperties` allows it explicitly): every written field must be typed.
    let strict: Bool
    private var regexes: [String: Regex<AnyRegexOutput>] = [:]

    private static let annotations: Set<String> = ["$schema", "$id", "$comment", "title", "description", "$defs", "examples", "default"]

    init(_ schema: JSONValue, strict: Bool = false) {
        root = schema
        self.strict = strict
    }

    /// Every way `instance` breaks the schema, as `path: problem`.
    func errors(_ instance: JSONValue) -> [String] {
        var errors: [String] = []
        check(root, instance, "$", &errors)
        return errors
    }

    /// Every way `instance` breaks the schema's definition `$defs/NAME`.
    func errors(_ instance: JSONValue, against name: String) -> [String] {
        var errors: [String] = []
        check(.object([("$ref", .string("#/$defs/" + name))]), instance, "$", &errors)
        return errors
    }

    private func check(_ schema: JSONValue, _ value: JSONValue, _ path: String, _ errors: inout [String]) {
        if let allowed = schema.boolValue {
            if !allowed { errors.append("\(path): not allowed") }
            return
        }
        guard let members = schema.objectValue else {
            errors.append("\(path): the schema is neither an object nor a boolean")
            return
        }
        for (keyword, argument) in members {
            switch keyword {
            case _ where Self.annotations.contains(keyword):
                continue
            case "type":
                let names = argument.stringValue.map { [$0] } ?? argument.arrayValue?.compactMap(\.stringValue) ?? []
                if !names.contains(where: { has(value, type: $0) }) {
                    errors.append("\(path): expected \(names.joined(separator: " or ")), found \(value)")
                }
            case "enum":
                if !(argument.arrayValue ?? []).contains(value) { errors.append("\(path): \(value) is not one of \(argument)") }
            case "const":
                if value != argument { errors.append("\(path): \(value) is not \(argument)") }
            case "pattern":
                guard let text = value.stringValue else { continue }
                guard let pattern = argument.stringValue, let regex = regex(pattern) else {
                    errors.append("\(path): bad pattern \(argument)")
                    continue
                }
                if (try? regex.firstMatch(in: text)) == nil { errors.append("\(path): \(value) does not match \(pattern)") }
            case "minimum":
                if let number = value.doubleValue, let minimum = argument.doubleValue, number < minimum {
                    errors.append("\(path): \(value) is less than \(argument)")
                }
            case "required":
                guard value.objectValue != nil else { continue }
                for name in argument.arrayValue?.compactMap(\.stringValue) ?? [] where value[name] == nil {
                    errors.append("\(path): missing \(name)")
                }
            case "properties":
                guard let object = value.objectValue else { continue }
                for (name, member) in object {
                    if let sub = argument[name] { check(sub, member, "\(path).\(name)", &errors) }
                }
            case "additionalProperties":
                guard let object = value.objectValue else { continue }
                let listed = Set(schema["properties"]?.objectValue?.map(\.0) ?? [])
                for (name, member) in object where !listed.contains(name) {
                    check(argument, member, "\(path).\(name)", &errors)
                }
            case "items":
                guard let elements = value.arrayValue else { continue }
                for (i, element) in elements.enumerated() { check(argument, element, "\(path)[\(i)]", &errors) }
            case "$ref":
                guard let reference = argument.stringValue, reference.hasPrefix("#/$defs/"),
                      let target = root["$defs"]?[String(reference.dropFirst("#/$defs/".count))] else {
                    errors.append("\(path): cannot resolve $ref \(argument)")
                    continue
                }
                check(target, value, path, &errors)
            case "anyOf", "oneOf":
                let passing = (argument.arrayValue ?? []).filter { sub in
                    var local: [String] = []
                    check(sub, value, path, &local)
                    return local.isEmpty
                }.count
                if keyword == "anyOf", passing == 0 { errors.append("\(path): \(value) matches none of anyOf") }
                if keyword == "oneOf", passing != 1 { errors.append("\(path): \(value) matches \(passing) of oneOf, not exactly one") }
            default:
                errors.append("\(path): the schema uses \(keyword), which this validator does not support")
            }
        }
        if strict, let object = value.objectValue, schema["properties"] != nil, schema["additionalProperties"] == nil {
            let listed = Set(schema["properties"]?.objectValue?.map(\.0) ?? [])
            for (name, _) in object where !listed.contains(name) {
                errors.append("\(path).\(name): not described by the schema")
            }
        }
    }

    /// Whether `value` has the JSON Schema type `name`.
    private func has(_ value: JSONValue, type name: String) -> Bool {
        switch (name, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): return true
        case ("number", .integer), ("number", .number), ("integer", .integer): return true
        case ("integer", .number(let d)): return d.rounded() == d
        default: return false
        }
    }

    /// The compiled pattern, cached.
    private func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let known = regexes[pattern] { return known }
        guard let compiled = try? Regex(pattern) else { return nil }
        regexes[pattern] = compiled
        return compiled
    }
}
