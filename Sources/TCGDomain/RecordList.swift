/// An array kept in fixed-size chunks, so that a copy shares all but the chunk it changes.
///
/// The register is held by several owners at once (the session, the store's cache, undo's
/// snapshots). With plain arrays, changing one action of 100,000 copied all 100,000; here it
/// copies one chunk of `chunkSize` and the small list of chunk references.
public struct RecordList<Element>: RandomAccessCollection, MutableCollection {
    /// Records per chunk (a power of two).
    @inlinable public static var chunkSize: Int { 512 }
    @inlinable static var shift: Int { 9 }

    @usableFromInline var chunks: [[Element]] = []
    @usableFromInline var _count: Int = 0
    /// The number of records.
    @inlinable public var count: Int { _count }

    /// An empty list.
    @inlinable public init() {}

    /// A list holding the elements of a sequence, in order.
    @inlinable public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for e in elements { append(e) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }

    @inlinable public subscript(position: Int) -> Element {
        get { chunks[position >> Self.shift][position & (Self.chunkSize - 1)] }
        set { chunks[position >> Self.shift][position & (Self.chunkSize - 1)] = newValue }
        _modify { yield &chunks[position >> Self.shift][position & (Self.chunkSize - 1)] }
    }

    /// Whether `other` is a copy of this list that neither has changed since: then the two share
    /// their storage. False says nothing (equal lists may be stored apart).
    public func isIdentical(to other: RecordList) -> Bool {
        count == other.count && chunks.withUnsafeBufferPointer { mine in
            other.chunks.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
        }
    }

    /// Adds a record at the end.
    @inlinable public mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunk.append(element)
            chunks.append(chunk)
        } else {
            chunks[chunks.count - 1].append(element)
        }
        _count += 1
    }

    /// Adds records at the end.
    public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for e in elements { append(e) }
    }

    /// Removes and returns the last record.
    @discardableResult
    public mutating func removeLast() -> Element {
        let e = chunks[chunks.count - 1].removeLast()
        if chunks[chunks.count - 1].isEmpty { chunks.removeLast() }
        _count -= 1
        return e
    }

    /// Inserts a record at a position (rebuilds from there on; rare: journal replay out of order).
    public mutating func insert(_ element: Element, at i: Int) {
        var rebuilt = RecordList()
        for k in 0..<i { rebuilt.append(self[k]) }
        rebuilt.append(element)
        for k in i..<count { rebuilt.append(self[k]) }
        self = rebuilt
    }

    /// Removes the record at a position (rebuilds from there on; rare: undo replayed from a journal).
    @discardableResult
    public mutating func remove(at i: Int) -> Element {
        let e = self[i]
        var rebuilt = RecordList()
        for k in 0..<count where k != i { rebuilt.append(self[k]) }
        self = rebuilt
        return e
    }

    /// Removes every record.
    public mutating func removeAll() {
        chunks = []
        _count = 0
    }

    /// Removes the records that satisfy a test, keeping the order of the rest.
    public mutating func removeAll(where shouldBeRemoved: (Element) throws -> Bool) rethrows {
        var kept = RecordList()
        for e in self where try !shouldBeRemoved(e) { kept.append(e) }
        self = kept
    }

    /// Nothing to do: chunks are reserved as they are made. Kept for source compatibility with Array.
    public mutating func reserveCapacity(_ n: Int) {}
}

extension RecordList: Sendable where Element: Sendable {}

extension RecordList: Equatable where Element: Equatable {
    public static func == (a: RecordList, b: RecordList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}

extension RecordList: ExpressibleByArrayLiteral {
    /// A list from an array literal.
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension RecordList where Element: Numbered {
    /// The index of the record with this number (binary search; records are in number order).
    @inlinable public func index(ofNumber n: Int) -> Int? {
        var lo = 0, hi = count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let m = self[mid].number
            if m == n { return mid }
            if m < n { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }
}
