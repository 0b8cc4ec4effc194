extension BinaryInteger {
    /// The number in decimal with a comma between groups of three digits, such as "37,000", as
    /// English text writes counts.
    public var groupedDigits: String {
        let digits = String(self.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return self < 0 ? "-" + result : result
    }
}
