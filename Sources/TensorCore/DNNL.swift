import CDNNL
import Foundation

/// The process-wide oneDNN CPU engine, and helpers to check and query oneDNN calls.
///
/// oneDNN's own OpenMP threads do the work of every primitive (see `ComputeThreads`).
public enum DNNL {
    nonisolated(unsafe) private static var handle: dnnl_engine_t? = nil
    private static let lock = NSLock()

    /// The CPU engine.
    public static var engine: dnnl_engine_t {
        lock.withLock {
            if let handle { return handle }
            var engine: dnnl_engine_t?
            check(dnnl_engine_create(&engine, dnnl_cpu, 0), "CPU engine")
            handle = engine!
            return engine!
        }
    }

    /// Stops the process with a message when a oneDNN call fails.
    ///
    /// oneDNN fails only on invalid descriptors (a programmer error, since shapes are validated
    /// before layers are built) or when memory runs out, so there is nothing to recover.
    public static func check(_ status: dnnl_status_t, _ what: @autoclosure () -> String) {
        guard status != dnnl_success else { return }
        let name = String(cString: dnnl_status2str(status))
        fatalError("oneDNN failed (\(name)) while creating or running: \(what())")
    }

    /// Returns the memory descriptor a primitive descriptor chose for `query` (input `index`).
    public static func queryDescriptor(
        _ descriptor: const_dnnl_primitive_desc_t, _ query: dnnl_query_t, index: Int32 = 0
    ) -> MemoryDescriptor {
        MemoryDescriptor(dnnl_primitive_desc_query_md(descriptor, query, index).pointee)
    }
}

/// An owned oneDNN primitive descriptor: the implementation oneDNN chose for an operation.
public final class PrimitiveDescriptor: @unchecked Sendable {
    /// The C handle.
    public let handle: dnnl_primitive_desc_t

    /// Creates the descriptor for an operation descriptor (a `dnnl_*_desc_t` value), with the
    /// forward descriptor as `hint` for backward operations.
    public init<Operation>(_ operation: Operation, hint: PrimitiveDescriptor? = nil, _ what: String) {
        var operation = operation
        var created: dnnl_primitive_desc_t?
        withUnsafePointer(to: &operation) { pointer in
            DNNL.check(
                dnnl_primitive_desc_create(&created, pointer, nil, DNNL.engine, hint?.handle), what)
        }
        handle = created!
    }

    /// Creates the descriptor as `init(_:hint:_:)` does, or returns nil where oneDNN has no
    /// implementation for the operation, so that a caller can try other layouts.
    public init?<Operation>(trying operation: Operation, hint: PrimitiveDescriptor? = nil) {
        var operation = operation
        var created: dnnl_primitive_desc_t?
        let status = withUnsafePointer(to: &operation) { pointer in
            dnnl_primitive_desc_create(&created, pointer, nil, DNNL.engine, hint?.handle)
        }
        guard status == dnnl_success, let created else { return nil }
        handle = created
    }

    deinit {
        dnnl_primitive_desc_destroy(handle)
    }

    /// The name of the implementation oneDNN picked, such as "jit:avx512_core" or "ref:any".
    public var implementationName: String {
        var text: UnsafePointer<CChar>?
        guard dnnl_primitive_desc_query(handle, dnnl_query_impl_info_str, 0, &text) == dnnl_success,
            let text
        else { return "" }
        return String(cString: text)
    }

    /// Whether oneDNN picked its reference implementation, the slow fallback for cases that no
    /// optimized kernel covers.
    public var isReferenceImplementation: Bool { implementationName.hasPrefix("ref") }

    /// Returns the memory descriptor chosen for `query` (for example `dnnl_query_dst_md`), input `index`.
    public func descriptor(_ query: dnnl_query_t, index: Int32 = 0) -> MemoryDescriptor {
        DNNL.queryDescriptor(handle, query, index: index)
    }

    /// Creates the executable primitive; `arguments` maps oneDNN argument indices to descriptors.
    public func makePrimitive(arguments: [Int32: MemoryDescriptor], _ what: String) -> Primitive {
        Primitive(handle, arguments: arguments, what)
    }
}

/// A oneDNN primitive with its memory objects, created once per shape and run many times.
///
/// Memory objects are created with no data and pointed at the caller's buffers at each run,
/// which avoids per-call allocation inside oneDNN. Because those memory objects are shared
/// state, `run` holds a lock, and each primitive executes on a stream of its own, so that
/// different primitives may run on different threads at once.
public final class Primitive: @unchecked Sendable {
    private let primitive: dnnl_primitive_t
    private let stream: dnnl_stream_t
    private let lock = NSLock()
    private var memories: [Int32: dnnl_memory_t] = [:]
    private var descriptors: [Int32: MemoryDescriptor]

    /// Creates the primitive for `descriptor`; `arguments` maps each oneDNN argument index
    /// (`DNNL_ARG_SRC` and so on) to the memory descriptor it will be given.
    public init(_ descriptor: dnnl_primitive_desc_t, arguments: [Int32: MemoryDescriptor], _ what: String) {
        var created: dnnl_primitive_t?
        DNNL.check(dnnl_primitive_create(&created, descriptor), what)
        primitive = created!
        var createdStream: dnnl_stream_t?
        DNNL.check(
            dnnl_stream_create(&createdStream, DNNL.engine, dnnl_stream_default_flags.rawValue), "stream")
        stream = createdStream!
        descriptors = arguments
        for (argument, memoryDescriptor) in arguments {
            var memory: dnnl_memory_t?
            var md = memoryDescriptor.raw
            DNNL.check(dnnl_memory_create(&memory, &md, DNNL.engine, nil), "memory for \(what)")
            memories[argument] = memory!
        }
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_stream_destroy(stream)
        for memory in memories.values { dnnl_memory_destroy(memory) }
    }

    /// Runs the primitive on the given buffers (one per argument index given at creation) and waits.
    public func run(_ buffers: [Int32: UnsafeMutablePointer<Float>]) {
        lock.lock()
        defer { lock.unlock() }
        var arguments: [dnnl_exec_arg_t] = []
        arguments.reserveCapacity(buffers.count)
        for (argument, pointer) in buffers {
            guard let memory = memories[argument] else {
                preconditionFailure("argument \(argument) was not declared for this primitive")
            }
            DNNL.check(dnnl_memory_set_data_handle_v2(memory, pointer, stream), "set data handle")
            arguments.append(dnnl_exec_arg_t(arg: argument, memory: memory))
        }
        DNNL.check(
            dnnl_primitive_execute(primitive, stream, Int32(arguments.count), &arguments), "execute")
        DNNL.check(dnnl_stream_wait(stream), "stream wait")
    }
}

/// Layout conversions between two descriptors of the same logical shape.
public enum Reorder {
    nonisolated(unsafe) private static var cache: [Key: Primitive] = [:]
    private static let lock = NSLock()

    private struct Key: Hashable {
        let source: [UInt8]
        let destination: [UInt8]
    }

    /// Copies `source` (laid out as `from`) into `destination` (laid out as `to`).
    public static func run(
        from: MemoryDescriptor, _ source: UnsafeMutablePointer<Float>,
        to: MemoryDescriptor, _ destination: UnsafeMutablePointer<Float>
    ) {
        let key = Key(source: bytes(of: from), destination: bytes(of: to))
        let primitive = lock.withLock { () -> Primitive in
            if let cached = cache[key] { return cached }
            var descriptor: dnnl_primitive_desc_t?
            var sourceRaw = from.raw
            var destinationRaw = to.raw
            DNNL.check(
                dnnl_reorder_primitive_desc_create(
                    &descriptor, &sourceRaw, DNNL.engine, &destinationRaw, DNNL.engine, nil),
                "reorder \(from.shape)")
            let created = Primitive(
                descriptor!, arguments: [DNNL_ARG_FROM: from, DNNL_ARG_TO: to], "reorder")
            dnnl_primitive_desc_destroy(descriptor)
            cache[key] = created
            return created
        }
        primitive.run([DNNL_ARG_FROM: source, DNNL_ARG_TO: destination])
    }

    private static func bytes(of descriptor: MemoryDescriptor) -> [UInt8] {
        withUnsafeBytes(of: descriptor.raw) { Array($0) }
    }
}
