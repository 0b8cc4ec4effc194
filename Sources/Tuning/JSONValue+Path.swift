extension JSONValue {
    /// Returns the value at `path`, or nil when a step of the path does not exist.
    public func value(at path: JSONPath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch (component, current) {
            case (.member(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.element(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at `path` with `newValue`.
    ///
    /// Every step of the path must exist, so a misspelled field fails here, naming the path and
    /// listing the members that do exist. With `insertingMissingLeaf`, the last member may be
    /// missing from an existing object and is added. Use that only when the document is decoded
    /// strictly afterwards, which rejects an added key that is not a known field.
    ///
    /// Throws `JSONPathError.memberNotFound`, `.elementNotFound` or `.notAContainer`, and then
    /// leaves the document unchanged.
    public mutating func setValue(
        _ newValue: JSONValue, at path: JSONPath, insertingMissingLeaf: Bool = false
    ) throws {
        try Self.setValue(
            newValue, in: &self, path: path, depth: 0, insertingMissingLeaf: insertingMissingLeaf)
    }

    /// Returns a copy with each parameter value written at the path named by its parameter name.
    ///
    /// This is how a search-space trial becomes an experiment: the parameter names are paths such
    /// as `training.learningRate`. Throws `JSONPathError` for a name that is not a valid path or
    /// a path that does not exist (see `setValue(_:at:insertingMissingLeaf:)`).
    public func applying(
        _ parameters: [String: ParameterValue], insertingMissingLeaves: Bool = false
    ) throws -> JSONValue {
        var result = self
        for name in parameters.keys.sorted() {
            try result.setValue(
                parameters[name]!.jsonValue, at: JSONPath(name), insertingMissingLeaf: insertingMissingLeaves)
        }
        return result
    }

    private static func setValue(
        _ newValue: JSONValue, in node: inout JSONValue, path: JSONPath, depth: Int,
        insertingMissingLeaf: Bool
    ) throws {
        guard depth < path.components.count else {
            node = newValue
            return
        }
        let isLeaf = depth == path.components.count - 1
        let parent = path.prefix(depth)

        switch (path.components[depth], node) {
        case (.member(let key), .object(var members)):
            guard var child = members[key] else {
                guard isLeaf && insertingMissingLeaf else {
                    throw JSONPathError.memberNotFound(
                        path: path.description, parent: parent, member: key, available: members.keys.sorted())
                }
                members[key] = newValue
                node = .object(members)
                return
            }
            try setValue(
                newValue, in: &child, path: path, depth: depth + 1, insertingMissingLeaf: insertingMissingLeaf
            )
            members[key] = child
            node = .object(members)

        case (.element(let index), .array(var elements)):
            guard elements.indices.contains(index) else {
                throw JSONPathError.elementNotFound(
                    path: path.description, parent: parent, index: index, count: elements.count)
            }
            try setValue(
                newValue, in: &elements[index], path: path, depth: depth + 1,
                insertingMissingLeaf: insertingMissingLeaf)
            node = .array(elements)

        case (.member, _), (.element, _):
            throw JSONPathError.notAContainer(
                path: path.description, parent: parent, foundType: node.typeName)
        }
    }
}
