/// The fields of an object in a document's data, keyed by name.
///
/// Rendering looks every tag's field up by name, so lookups are the inner loop of rendering: a member record has
/// a handful of fields, and for so few a linear scan of the keys (most compare in a few instructions) costs far
/// less than hashing the name as a `Dictionary` must. Objects with many fields also keep a hash index.
/// Setting a field replaces the shared storage: objects are built once per document and read many times.
public struct TemplateObject: Sendable, Equatable {
    /// The fields, shared between copies (one reference to count when a value is copied) and copied on write.
    private(set) var storage: Storage

    /// Field names, sorted for a deterministic order; parallel to `values`.
    public var keys: [String] { storage.keys }
    /// Field values, parallel to `keys`.
    public var values: [TemplateValue] { storage.values }

    /// The fields of an object, immutable once made.
    final class Storage: Sendable {
        let keys: [String]
        let values: [TemplateValue]
        /// Position of each key, built only for objects with more fields than a scan handles well.
        private let index: [String: Int]?

        private static let scanLimit = 12

        init(keys: [String], values: [TemplateValue]) {
            self.keys = keys
            self.values = values
            index = keys.count > Self.scanLimit ? Dictionary(uniqueKeysWithValues: zip(keys, keys.indices)) : nil
        }

        @inline(__always)
        func position(of key: String) -> Int? {
            if let index { return index[key] }
            let wanted = key.utf8.count
            for position in keys.indices where keys[position].utf8.count == wanted && keys[position] == key {
                return position
            }
            return nil
        }
    }

    /// An empty object.
    public init() {
        storage = Storage(keys: [], values: [])
    }

    /// The fields of a dictionary, in key order.
    public init(_ fields: [String: TemplateValue]) {
        let sorted = fields.sorted { $0.key < $1.key }
        storage = Storage(keys: sorted.map(\.key), values: sorted.map(\.value))
    }

    /// Fields given in key order, as `init(_:)` would sort them: no dictionary to build and sort, for objects made
    /// many times with the same keys (a member list's rows).
    public init(sortedKeys keys: [String], values: [TemplateValue]) {
        precondition(keys.count == values.count && zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 },
                     "keys must be distinct and sorted, one value each")
        storage = Storage(keys: keys, values: values)
    }

    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }

    /// The value of a field, or nil when the object has no such field; setting nil removes the field.
    public subscript(key: String) -> TemplateValue? {
        get {
            guard let position = storage.position(of: key) else { return nil }
            return storage.values[position]
        }
        set {
            var keys = storage.keys, values = storage.values
            if let position = storage.position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                }
            } else if let newValue {
                let insertion = keys.firstIndex { $0 > key } ?? keys.endIndex
                keys.insert(key, at: insertion)
                values.insert(newValue, at: insertion)
            } else {
                return
            }
            storage = Storage(keys: keys, values: values)
        }
    }

    /// The fields as a dictionary.
    public var dictionary: [String: TemplateValue] {
        Dictionary(uniqueKeysWithValues: zip(storage.keys, storage.values))
    }

    public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.storage === b.storage || (a.storage.keys == b.storage.keys && a.storage.values == b.storage.values)
    }
}

extension TemplateObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
