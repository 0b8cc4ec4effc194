import CDNNL

/// A Float32 tensor: a 64-byte-aligned buffer, a logical shape and a memory layout.
///
/// `Tensor` has reference semantics, like a framework array: layers own their output and
/// gradient buffers and reuse them from batch to batch, so a tensor returned by a layer stays
/// valid only until that layer runs again. Copy it (`copy()`) to keep it longer.
///
/// Shapes are listed in logical order: `[N, C, H, W]` for images, `[N, F]` for feature rows.
/// The layout gives the order of those elements in memory (see `TensorLayout`).
public final class Tensor: @unchecked Sendable {
    /// Logical dimensions, outermost first.
    public let shape: [Int]
    /// Element arrangement in memory.
    public let layout: TensorLayout
    /// Number of Float32 values the buffer holds; larger than `shape` product only for
    /// oneDNN blocked layouts whose channel count is padded to the block size.
    public let capacity: Int
    /// Start of the buffer.
    public let data: UnsafeMutablePointer<Float>
    /// The tensor whose buffer this one views, kept alive while the view lives; nil for owners.
    private let base: Tensor?

    /// Creates a zero-filled tensor in row-major layout.
    public convenience init(zeros shape: [Int]) {
        self.init(shape: shape, layout: .rowMajor)
        data.initialize(repeating: 0, count: capacity)
    }

    /// Creates a row-major tensor holding `values`, which must have as many elements as `shape`.
    public convenience init(shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        self.init(shape: shape, layout: .rowMajor)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    /// Creates a tensor with uninitialized contents.
    public init(shape: [Int], layout: TensorLayout) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.layout = layout
        switch layout {
        case .rowMajor:
            capacity = shape.reduce(1, *)
        case .oneDNN(let descriptor):
            capacity = descriptor.byteCount / MemoryLayout<Float>.stride
        }
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(capacity, 1) * MemoryLayout<Float>.stride, alignment: 64)
        data = raw.bindMemory(to: Float.self, capacity: max(capacity, 1))
        base = nil
    }

    /// Creates a row-major view of `tensor`'s buffer under another shape with the same count.
    /// Writes through the view change `tensor`.
    public init(viewing tensor: Tensor, shape: [Int]) {
        precondition(tensor.layout == .rowMajor, "only row-major tensors can be viewed under a new shape")
        precondition(shape.reduce(1, *) == tensor.count, "cannot view \(tensor.shape) as \(shape)")
        self.shape = shape
        layout = .rowMajor
        capacity = tensor.count
        data = tensor.data
        base = tensor
    }

    deinit {
        if base == nil { UnsafeMutableRawPointer(data).deallocate() }
    }

    /// Number of logical elements (the product of `shape`).
    public var count: Int { shape.reduce(1, *) }

    /// Size of the outermost dimension (the batch size for activations).
    public var batchSize: Int { shape.first ?? 1 }

    /// A buffer over all `capacity` values, padding included.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: data, count: capacity)
    }

    /// The values in row-major order, converting from a blocked layout when needed.
    public var scalars: [Float] {
        let plain = rowMajor()
        return Array(UnsafeBufferPointer(start: plain.data, count: plain.count))
    }

    /// Returns an independent tensor with the same shape, layout and values.
    public func copy() -> Tensor {
        let result = Tensor(shape: shape, layout: layout)
        result.data.update(from: data, count: capacity)
        return result
    }

    /// Sets every value, padding included, to `value`.
    public func fill(_ value: Float) {
        data.update(repeating: value, count: capacity)
    }

    /// Returns the same values under another shape with the same element count; row-major only.
    /// The result shares no memory with `self`.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(layout == .rowMajor, "reshape needs a row-major tensor")
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        let result = Tensor(shape: newShape, layout: .rowMajor)
        result.data.update(from: data, count: count)
        return result
    }

    /// Returns this tensor in row-major layout: `self` when it already is, else a converted copy.
    public func rowMajor() -> Tensor {
        guard case .oneDNN(let descriptor) = layout else { return self }
        let plainDescriptor = MemoryDescriptor.rowMajor(shape)
        guard plainDescriptor != descriptor else {
            let result = Tensor(shape: shape, layout: .rowMajor)
            result.data.update(from: data, count: count)
            return result
        }
        let result = Tensor(shape: shape, layout: .rowMajor)
        Reorder.run(from: descriptor, data, to: plainDescriptor, result.data)
        return result
    }
}

/// The arrangement of a tensor's elements in memory.
public enum TensorLayout: Equatable, Sendable {
    /// Dense row-major order of the logical shape (NCHW for images, NC for rows).
    case rowMajor
    /// A layout chosen by oneDNN (for example the channel-blocked nChw16c), given by its descriptor.
    case oneDNN(MemoryDescriptor)
}

extension Tensor {
    /// The oneDNN descriptor of this tensor's layout (row-major tensors get the plain tag).
    public var memoryDescriptor: MemoryDescriptor {
        switch layout {
        case .rowMajor: return MemoryDescriptor.rowMajor(shape)
        case .oneDNN(let descriptor): return descriptor
        }
    }
}
