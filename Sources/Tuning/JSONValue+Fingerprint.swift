extension JSONValue {
    /// Returns a 16-digit hexadecimal hash of `canonicalText()`, to tell experiments apart.
    ///
    /// The hash is 64-bit FNV-1a, which detects an accidentally different experiment but is not
    /// a cryptographic hash. Equal trees give equal fingerprints regardless of key order. Remove
    /// fields that may change while a study resumes (such as `search.trials`) before hashing.
    public func fingerprint() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonicalText().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
