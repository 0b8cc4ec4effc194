import Foundation
import TensorCore

/// Saves and loads a model's parameters and buffers.
///
/// Format: one line of JSON (`{"format": "swifttune-weights", "version": 1, "tensors": [{"name", "shape"}]}`),
/// a newline, then every tensor's Float32 values in little-endian byte order, in the listed order.
/// Loading checks that names and shapes match the model, so weights from a model of another
/// shape are rejected instead of loaded into the wrong layers.
public enum WeightFile {
    struct Header: Codable {
        var format = "swifttune-weights"
        var version = 1
        var tensors: [Entry]
    }

    struct Entry: Codable, Equatable {
        var name: String
        var shape: [Int]
    }

    /// An unreadable or mismatched weight file.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    private static func entries(of model: Sequential) -> [(Entry, Tensor)] {
        var result = model.parameters.map { (Entry(name: $0.name, shape: $0.value.shape), $0.value) }
        for layer in model.layers {
            for (index, buffer) in layer.buffers.enumerated() {
                result.append((Entry(name: "\(layer.name).buffer\(index)", shape: buffer.shape), buffer))
            }
        }
        return result
    }

    /// Writes the model's weights to `url` atomically.
    public static func save(_ model: Sequential, to url: URL) throws {
        let entries = entries(of: model)
        var data = try JSONEncoder().encode(Header(tensors: entries.map(\.0)))
        data.append(0x0A)
        for (_, tensor) in entries {
            let plain = tensor.rowMajor()
            data.append(Data(bytes: plain.data, count: plain.count * MemoryLayout<Float>.size))
        }
        try AtomicFile.write(data, to: url)
    }

    /// Loads weights from `url` into `model`, which must have the same layer names and shapes.
    public static func load(_ url: URL, into model: Sequential) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoadError(description: "Cannot read weight file \(url.path): \(error.localizedDescription)")
        }
        guard let newline = data.firstIndex(of: 0x0A),
            let header = try? JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]),
            header.format == "swifttune-weights"
        else {
            throw LoadError(description: "\(url.path) is not a SwiftTune weight file (no valid header line).")
        }
        guard header.version == 1 else {
            throw LoadError(
                description:
                    "\(url.path) has weight-file version \(header.version); this build reads version 1.")
        }
        let entries = entries(of: model)
        guard header.tensors == entries.map(\.0) else {
            throw LoadError(
                description:
                    "\(url.path) holds weights for another model: its tensors \(header.tensors.map { "\($0.name)\($0.shape)" }.joined(separator: ", ")) do not match this model's."
            )
        }
        let expected = entries.reduce(0) { $0 + $1.1.count } * MemoryLayout<Float>.size
        let payload = data[(newline + 1)...]
        guard payload.count == expected else {
            throw LoadError(
                description:
                    "\(url.path) is truncated or padded: expected \(expected) bytes of weights, found \(payload.count)."
            )
        }
        var offset = payload.startIndex
        for (_, tensor) in entries {
            let bytes = tensor.count * MemoryLayout<Float>.size
            payload[offset..<(offset + bytes)].withUnsafeBytes { raw in
                UnsafeMutableRawPointer(tensor.data).copyMemory(from: raw.baseAddress!, byteCount: bytes)
            }
            offset += bytes
        }
    }
}
