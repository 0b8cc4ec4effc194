import CDNNL

/// A oneDNN memory descriptor: data type, dimensions and the (possibly blocked) element order.
public struct MemoryDescriptor: Equatable, @unchecked Sendable {
    /// The C descriptor handed to oneDNN.
    public var raw: dnnl_memory_desc_t

    /// Wraps a C descriptor.
    public init(_ raw: dnnl_memory_desc_t) {
        self.raw = raw
    }

    /// Creates a Float32 descriptor for `shape` in the given oneDNN format tag.
    public init(shape: [Int], tag: dnnl_format_tag_t) {
        var descriptor = dnnl_memory_desc_t()
        var dims = shape.map { dnnl_dim_t($0) }
        DNNL.check(
            dnnl_memory_desc_init_by_tag(&descriptor, Int32(shape.count), &dims, dnnl_f32, tag),
            "memory descriptor for shape \(shape)")
        raw = descriptor
    }

    /// Returns a row-major descriptor (`a`, `ab`, `abc`, `abcd` tags) for `shape`.
    public static func rowMajor(_ shape: [Int]) -> MemoryDescriptor {
        let tags: [dnnl_format_tag_t] = [dnnl_a, dnnl_ab, dnnl_abc, dnnl_abcd, dnnl_abcde]
        precondition(
            (1...5).contains(shape.count), "row-major descriptors cover 1 to 5 dimensions, got \(shape)")
        return MemoryDescriptor(shape: shape, tag: tags[shape.count - 1])
    }

    /// Returns a descriptor that lets a oneDNN primitive pick its preferred layout.
    public static func any(_ shape: [Int]) -> MemoryDescriptor {
        MemoryDescriptor(shape: shape, tag: dnnl_format_tag_any)
    }

    /// Buffer size in bytes, padding included.
    public var byteCount: Int {
        var copy = raw
        return Int(dnnl_memory_desc_get_size(&copy))
    }

    /// Logical dimensions.
    public var shape: [Int] {
        withUnsafeBytes(of: raw.dims) { bytes in
            Array(bytes.bindMemory(to: dnnl_dim_t.self).prefix(Int(raw.ndims))).map { Int($0) }
        }
    }

    public static func == (lhs: MemoryDescriptor, rhs: MemoryDescriptor) -> Bool {
        var left = lhs.raw
        var right = rhs.raw
        return dnnl_memory_desc_equal(&left, &right) != 0
    }
}
