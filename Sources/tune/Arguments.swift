/// Command-line arguments of one subcommand: positional values and `--name value` options.
struct Arguments {
    var positionals: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    /// Splits `arguments`; `valued` lists the options that take a value, `switches` those that do not.
    init(_ arguments: [String], valued: Set<String>, switches: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                var value: String?
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if switches.contains(name) {
                    flags.insert(name)
                } else if valued.contains(name) {
                    if value == nil {
                        index += 1
                        guard index < arguments.count else {
                            throw UsageError("Option --\(name) needs a value.")
                        }
                        value = arguments[index]
                    }
                    options[name] = value
                } else {
                    let known = (valued.union(switches)).sorted().map { "--\($0)" }.joined(separator: ", ")
                    throw UsageError(
                        "Unknown option --\(name). Options here: \(known.isEmpty ? "none" : known).")
                }
            } else {
                positionals.append(argument)
            }
            index += 1
        }
    }

    /// Returns the value of `--name` as a positive integer, or nil when absent.
    func positiveInteger(_ name: String) throws -> Int? {
        guard let text = options[name] else { return nil }
        guard let value = Int(text), value > 0 else {
            throw UsageError("--\(name) must be a positive integer, got \"\(text)\".")
        }
        return value
    }
}

/// A misuse of the command line; printed with the usage hint and exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
