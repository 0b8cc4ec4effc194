import CDNNL
import TensorCore

/// The reduction a pooling window applies.
public enum PoolingKind: String, Codable, CaseIterable, Sendable {
    /// Maximum of the window; the gradient goes to the position of the maximum.
    case max
    /// Mean of the window, counting only positions inside the input (padding excluded).
    case average
}

/// A 2-D max or average pooling layer, run by oneDNN in the layout of its input.
///
/// Shapes: input [N, C, H, W], output [N, C, H′, W′] with H′ from `Padding.geometry`
/// ("valid" floors: a 2x2 window with stride 2 maps 13 rows to 6 and 11 to 5).
public final class Pool2D: Layer {
    public var name: String
    public let kind: PoolingKind
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Window height and width.
    public let window: [Int]
    /// Step between windows along height and width.
    public let strides: [Int]

    private let paddingBefore: [Int]
    private let paddingAfter: [Int]
    private var plans: [[Int]: Plan] = [:]
    private var input: Tensor?
    private var outputs = TensorCache()
    private var workspaces = TensorCache()
    private var inputGradients = TensorCache()

    private final class Plan {
        let source: MemoryDescriptor
        let destination: MemoryDescriptor
        let workspace: MemoryDescriptor?
        let forwardDescriptor: PrimitiveDescriptor
        let training: Primitive
        var inference: Primitive?
        var backward: Primitive?

        init(
            source: MemoryDescriptor, destination: MemoryDescriptor, workspace: MemoryDescriptor?,
            forwardDescriptor: PrimitiveDescriptor, training: Primitive
        ) {
            self.source = source
            self.destination = destination
            self.workspace = workspace
            self.forwardDescriptor = forwardDescriptor
            self.training = training
        }
    }

    /// Creates a pooling layer with a square window; `stride` defaults to `poolSize`.
    public convenience init(
        name: String = "pool", _ kind: PoolingKind, inputShape: [Int], poolSize: Int, stride: Int? = nil,
        padding: Padding = .valid
    ) {
        self.init(
            name: name, kind, inputShape: inputShape, window: [poolSize, poolSize],
            strides: [stride ?? poolSize, stride ?? poolSize], padding: padding)
    }

    /// Creates a pooling layer with a `window` of [height, width] moved by `strides` [rows, columns].
    public init(
        name: String = "pool", _ kind: PoolingKind, inputShape: [Int], window: [Int], strides: [Int],
        padding: Padding = .valid
    ) {
        precondition(inputShape.count == 3, "\(name) expects [C, H, W] input, got \(inputShape)")
        precondition(
            window.count == 2 && strides.count == 2, "\(name): window and strides need two sizes each")
        self.name = name
        self.kind = kind
        self.inputShape = inputShape
        self.window = window
        self.strides = strides
        let rows = padding.geometry(input: inputShape[1], kernel: window[0], stride: strides[0])
        let columns = padding.geometry(input: inputShape[2], kernel: window[1], stride: strides[1])
        precondition(rows.output > 0 && columns.output > 0, "\(name): window larger than input \(inputShape)")
        outputShape = [inputShape[0], rows.output, columns.output]
        paddingBefore = [rows.before, columns.before]
        paddingAfter = [rows.after, columns.after]
    }

    private var algorithm: dnnl_alg_kind_t {
        kind == .max ? dnnl_pooling_max : dnnl_pooling_avg_exclude_padding
    }

    private func operation(
        _ propagation: dnnl_prop_kind_t, source: MemoryDescriptor, destination: MemoryDescriptor
    )
        -> dnnl_pooling_v2_desc_t
    {
        var operation = dnnl_pooling_v2_desc_t()
        var sourceRaw = source.raw
        var destinationRaw = destination.raw
        let strides = dims(strides)
        let kernel = dims(window)
        let dilation = dims([0, 0])
        let before = dims(paddingBefore)
        let after = dims(paddingAfter)
        DNNL.check(
            dnnl_pooling_v2_forward_desc_init(
                &operation, propagation, algorithm, &sourceRaw, &destinationRaw, strides, kernel,
                dilation, before, after), "\(name) forward")
        return operation
    }

    private func plan(for input: Tensor) -> Plan {
        if let plan = plans[input.shape] { return plan }
        let source = input.memoryDescriptor
        let descriptor = PrimitiveDescriptor(
            operation(
                dnnl_forward_training, source: source, destination: .any([input.shape[0]] + outputShape)),
            "\(name) forward")
        let destination = descriptor.descriptor(dnnl_query_dst_md)
        var arguments: [Int32: MemoryDescriptor] = [DNNL_ARG_SRC: source, DNNL_ARG_DST: destination]
        var workspace: MemoryDescriptor?
        if kind == .max {
            workspace = descriptor.descriptor(dnnl_query_workspace_md)
            arguments[DNNL_ARG_WORKSPACE] = workspace
        }
        let plan = Plan(
            source: source, destination: destination, workspace: workspace, forwardDescriptor: descriptor,
            training: descriptor.makePrimitive(arguments: arguments, "\(name) forward"))
        plans[input.shape] = plan
        return plan
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        checkSampleShape(of: input)
        self.input = input
        let plan = plan(for: input)
        let output = outputs.tensor(shape: [input.shape[0]] + outputShape, layout: .oneDNN(plan.destination))
        if isTraining {
            var buffers = [DNNL_ARG_SRC: input.data, DNNL_ARG_DST: output.data]
            if let workspace = plan.workspace {
                // The max-pooling workspace contains argmax indices, and its byte size sets the buffer.
                let floats = (workspace.byteCount + 3) / 4
                buffers[DNNL_ARG_WORKSPACE] = workspaces.tensor(shape: [floats]).data
            }
            plan.training.run(buffers)
        } else {
            if plan.inference == nil {
                let descriptor = PrimitiveDescriptor(
                    operation(dnnl_forward_inference, source: plan.source, destination: plan.destination),
                    "\(name) inference")
                plan.inference = descriptor.makePrimitive(
                    arguments: [DNNL_ARG_SRC: plan.source, DNNL_ARG_DST: plan.destination],
                    "\(name) inference")
            }
            plan.inference!.run([DNNL_ARG_SRC: input.data, DNNL_ARG_DST: output.data])
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let input, let plan = plans[input.shape] else {
            preconditionFailure("\(name): backward called before forward")
        }
        guard needsInputGradient else { return outputGradient }
        if plan.backward == nil {
            var operation = dnnl_pooling_v2_desc_t()
            var sourceRaw = plan.source.raw
            var destinationRaw = plan.destination.raw
            let strides = dims(strides)
            let kernel = dims(window)
            let dilation = dims([0, 0])
            let before = dims(paddingBefore)
            let after = dims(paddingAfter)
            DNNL.check(
                dnnl_pooling_v2_backward_desc_init(
                    &operation, algorithm, &sourceRaw, &destinationRaw, strides, kernel, dilation,
                    before, after), "\(name) backward")
            var arguments: [Int32: MemoryDescriptor] = [
                DNNL_ARG_DIFF_SRC: plan.source, DNNL_ARG_DIFF_DST: plan.destination,
            ]
            if let workspace = plan.workspace { arguments[DNNL_ARG_WORKSPACE] = workspace }
            plan.backward = PrimitiveDescriptor(operation, hint: plan.forwardDescriptor, "\(name) backward")
                .makePrimitive(arguments: arguments, "\(name) backward")
        }
        let inputGradient = inputGradients.tensor(shape: input.shape, layout: input.layout)
        var buffers = [DNNL_ARG_DIFF_SRC: inputGradient.data, DNNL_ARG_DIFF_DST: outputGradient.data]
        if let workspace = plan.workspace {
            buffers[DNNL_ARG_WORKSPACE] = workspaces.tensor(shape: [(workspace.byteCount + 3) / 4]).data
        }
        plan.backward!.run(buffers)
        return inputGradient
    }
}

/// Global average pooling: the mean of each channel over all positions, [N, C, H, W] to
/// row-major [N, C]. Backward spreads dy / (H·W) over every position of its channel.
public final class GlobalAveragePool: Layer {
    public var name: String
    public let inputShape: [Int]
    public var outputShape: [Int] { [inputShape[0]] }

    private let pool: Pool2D
    private let flatten: Flatten

    /// Creates the layer for samples of `inputShape` [C, H, W].
    public init(name: String = "globalAveragePool", inputShape: [Int]) {
        precondition(inputShape.count == 3, "\(name) expects [C, H, W] input, got \(inputShape)")
        self.name = name
        self.inputShape = inputShape
        let area = [inputShape[1], inputShape[2]]
        pool = Pool2D(name: name, .average, inputShape: inputShape, window: area, strides: area)
        flatten = Flatten(name: name, inputShape: [inputShape[0], 1, 1])
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        flatten.forward(pool.forward(input, isTraining: isTraining), isTraining: isTraining)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard needsInputGradient else { return outputGradient }
        return pool.backward(
            flatten.backward(outputGradient, needsInputGradient: true), needsInputGradient: true)
    }
}
