import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The resident memory of this process, as the operating system counts it.
///
/// On Linux both figures come from `/proc/self/status`: `VmRSS` (resident now) and `VmHWM`
/// (the highest resident size since the process started). On macOS only the peak is known, from
/// `getrusage`.
public enum ProcessMemory {
    /// The bytes resident in memory now, or nil where the system does not report it.
    public static var residentBytes: Int? {
        #if os(Linux)
            return statusField("VmRSS")
        #else
            return nil
        #endif
    }

    /// The peak resident memory in bytes since the process started, or nil where the system does
    /// not report it.
    public static var peakResidentBytes: Int? {
        #if os(Linux)
            return statusField("VmHWM")
        #elseif canImport(Darwin)
            var usage = rusage()
            guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
            // macOS reports bytes here, where Linux would report kibibytes.
            return Int(usage.ru_maxrss)
        #else
            return nil
        #endif
    }

    /// Returns a line of `/proc/self/status` such as "VmRSS:  123456 kB" as bytes.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 3, fields[2] == "kB", let kibibytes = Int(fields[1]) else { return nil }
            return kibibytes * 1024
        }
        return nil
    }
}
