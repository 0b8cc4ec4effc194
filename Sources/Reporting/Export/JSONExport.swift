import Foundation
import TensorCore

/// The JSON settings of the files a run or study writes, such as `summary.json`.
public enum JSONExport {
    /// Returns an encoder that writes sorted keys, indented lines and unescaped slashes, so
    /// that files diff well, and writes NaN and infinities as the strings "NaN", "Infinity"
    /// and "-Infinity", which JSON has no numbers for.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// Returns a decoder that reads what `makeEncoder()` writes, the strings for NaN and
    /// infinities included.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// Encodes `value` with `makeEncoder()` and writes it to `url` with `AtomicFile.write(_:to:)`,
    /// ending the file with a line feed.
    public static func write<Value: Encodable>(_ value: Value, to url: URL) throws {
        var data = try makeEncoder().encode(value)
        data.append(0x0A)
        try AtomicFile.write(data, to: url)
    }
}
