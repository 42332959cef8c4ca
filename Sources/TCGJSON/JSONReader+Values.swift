extension JSONReader {
    /// Skips the next value of any kind, validating it as strictly as reading it
    /// would, except that numbers are checked against the grammar only, not
    /// converted (so a number too large for a `Double` skips without error).
    ///
    /// Works iteratively, so deep nesting costs no stack; nesting is still
    /// limited by ``maxDepth``.
    /// - Throws: ``JSONError`` on malformed input.
    public mutating func skipValue() throws(JSONError) {
        // One entry per open container: true for an object, false for an array.
        var open: [Bool] = []
        while true {
            switch try peekKind() {
            case .object:
                try beginObject()
                if try skipToNextMember() {
                    open.append(true)
                    continue
                }
            case .array:
                try beginArray()
                if try nextElement() {
                    open.append(false)
                    continue
                }
            case .string:
                try skipStringToken()
            case .number:
                try skipNumberToken()
            case .bool:
                _ = try readBool()
            case .null:
                try readNull()
            }
            // A value is complete: close containers until one has more to read.
            while let isObject = open.last {
                let more = isObject ? try skipToNextMember() : try nextElement()
                if more {
                    break
                }
                open.removeLast()
            }
            if open.isEmpty {
                return
            }
        }
    }

    /// Like ``nextKey()`` but validates the key without decoding it.
    /// - Returns: `true` when a member follows, `false` at the closing `}`.
    mutating func skipToNextMember() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else {
            throw error("unexpected end of input inside an object")
        }
        // Fast path for the common `,"key":` after a member; otherwise let
        // nextKey produce the result and any error.
        if !atContainerStart, bytes[offset] == UInt8(ascii: ","),
            offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "\"")
        {
            offset += 1
            try skipStringToken()
            try consumeColon()
            return true
        }
        return try nextKey() != nil
    }

    /// Reads the next value of any kind into a ``JSONValue`` tree.
    ///
    /// Works iteratively, so deep nesting costs no stack; nesting is still
    /// limited by ``maxDepth``. Object members keep their order.
    /// - Throws: ``JSONError`` on malformed input.
    public mutating func readValue() throws(JSONError) -> JSONValue {
        // Open containers, innermost last. `isObject` tells which of the other
        // stacks holds each one; `keys` holds the key awaiting its value.
        var isObject: [Bool] = []
        var arrays: [[JSONValue]] = []
        var objects: [[(String, JSONValue)]] = []
        var keys: [String] = []
        while true {
            var value: JSONValue
            switch try peekKind() {
            case .object:
                try beginObject()
                if let key = try nextKey() {
                    isObject.append(true)
                    objects.append([])
                    keys.append(key)
                    continue
                }
                value = .object([])
            case .array:
                try beginArray()
                if try nextElement() {
                    isObject.append(false)
                    arrays.append([])
                    continue
                }
                value = .array([])
            case .string:
                value = .string(try readStringToken())
            case .number:
                value = try readNumberValue()
            case .bool:
                value = .bool(try readBool())
            case .null:
                try readNull()
                value = .null
            }
            // Attach the value to its container, closing finished containers.
            while let inObject = isObject.last {
                if inObject {
                    let last = objects.count - 1
                    objects[last].append((keys.removeLast(), value))
                    if let key = try nextKey() {
                        keys.append(key)
                        break
                    }
                    value = .object(objects.removeLast())
                } else {
                    let last = arrays.count - 1
                    arrays[last].append(value)
                    if try nextElement() {
                        break
                    }
                    value = .array(arrays.removeLast())
                }
                isObject.removeLast()
            }
            if isObject.isEmpty {
                return value
            }
        }
    }
}
