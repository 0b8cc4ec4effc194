import CDNNL
import TensorCore

/// The border rule of a convolution or pooling window.
public enum Padding: String, Codable, CaseIterable, Sendable {
    /// No padding: the window stays inside the input, output = ⌊(H − K) / S⌋ + 1.
    case valid
    /// Zero padding so that output = ⌈H / S⌉; the total padding max((out − 1)·S + K − H, 0) is
    /// split with the extra row or column at the bottom and right, as in TensorFlow.
    case same

    /// Output size and (before, after) padding along one spatial axis.
    public func geometry(input: Int, kernel: Int, stride: Int) -> (output: Int, before: Int, after: Int) {
        switch self {
        case .valid:
            return ((input - kernel) / stride + 1, 0, 0)
        case .same:
            let output = (input + stride - 1) / stride
            let total = max((output - 1) * stride + kernel - input, 0)
            return (output, total / 2, total - total / 2)
        }
    }
}

/// A 2-D convolution (cross-correlation) with bias, run by oneDNN.
///
/// Shapes: input [N, C, H, W], weight [F, C, K, K] (row-major OIHW), bias [F], output
/// [N, F, H′, W′]. Activations travel in the layout oneDNN chooses (typically nChw16c), so
/// consecutive oneDNN layers need no reorders. The weights stay row-major for the optimizer
/// and are reordered to oneDNN's weight layout (a few thousand values) each step.
public final class Conv2D: Layer {
    public var name: String
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let filters: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Padding
    /// Kernel [filters, channels, kernel, kernel].
    public let weight: Parameter
    /// Bias [filters].
    public let bias: Parameter

    private let paddingBefore: [Int]
    private let paddingAfter: [Int]
    private var plans: [[Int]: Plan] = [:]
    private var input: Tensor?
    private var outputs = TensorCache()
    private var inputGradients = TensorCache()
    private var backwardWeightBuffers = TensorCache()

    /// Creates a convolution for samples of `inputShape` [C, H, W].
    public init(
        name: String = "conv", inputShape: [Int], filters: Int, kernelSize: Int, stride: Int = 1,
        padding: Padding = .valid, initializer: Initializer = .heNormal, generator: inout SeededGenerator
    ) {
        precondition(inputShape.count == 3, "\(name) expects [C, H, W] input, got \(inputShape)")
        precondition(filters > 0 && kernelSize > 0 && stride > 0, "\(name): sizes must be positive")
        self.name = name
        self.inputShape = inputShape
        self.filters = filters
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        let rows = padding.geometry(input: inputShape[1], kernel: kernelSize, stride: stride)
        let columns = padding.geometry(input: inputShape[2], kernel: kernelSize, stride: stride)
        precondition(rows.output > 0 && columns.output > 0, "\(name): kernel larger than input \(inputShape)")
        outputShape = [filters, rows.output, columns.output]
        paddingBefore = [rows.before, columns.before]
        paddingAfter = [rows.after, columns.after]
        let area = kernelSize * kernelSize
        weight = Parameter(
            name: "\(name).weight", kind: .weight,
            value: initializer.tensor(
                shape: [filters, inputShape[0], kernelSize, kernelSize], fanIn: inputShape[0] * area,
                fanOut: filters * area, generator: &generator))
        bias = Parameter(name: "\(name).bias", kind: .bias, value: Tensor(zeros: [filters]))
    }

    public var parameters: [Parameter] { [weight, bias] }

    public var multiplyAddsPerSample: Int {
        outputShape.reduce(1, *) * inputShape[0] * kernelSize * kernelSize
    }

    /// The oneDNN primitives for one batch shape.
    private final class Plan {
        let source: MemoryDescriptor
        let destination: MemoryDescriptor
        let forwardWeights: MemoryDescriptor
        let forward: Primitive
        let forwardDescriptor: PrimitiveDescriptor
        var backwardData: (Primitive, MemoryDescriptor)?
        var backwardWeights: (Primitive, MemoryDescriptor)?
        let forwardWeightBuffer: Tensor

        init(
            source: MemoryDescriptor, destination: MemoryDescriptor, forwardWeights: MemoryDescriptor,
            forward: Primitive, forwardDescriptor: PrimitiveDescriptor
        ) {
            self.source = source
            self.destination = destination
            self.forwardWeights = forwardWeights
            self.forward = forward
            self.forwardDescriptor = forwardDescriptor
            forwardWeightBuffer = Tensor(shape: forwardWeights.shape, layout: .oneDNN(forwardWeights))
        }
    }

    private var weightDescriptor: MemoryDescriptor { .rowMajor(weight.value.shape) }

    private func plan(for input: Tensor) -> Plan {
        if let plan = plans[input.shape] { return plan }
        let batch = input.shape[0]
        let source = input.memoryDescriptor
        var sourceRaw = source.raw
        var weightsAny = MemoryDescriptor.any(weight.value.shape).raw
        var biasRaw = MemoryDescriptor.rowMajor([filters]).raw
        var destinationAny = MemoryDescriptor.any([batch] + outputShape).raw
        let strides = dims([stride, stride])
        let before = dims(paddingBefore)
        let after = dims(paddingAfter)
        var operation = dnnl_convolution_desc_t()
        DNNL.check(
            dnnl_convolution_forward_desc_init(
                &operation, dnnl_forward_training, dnnl_convolution_direct, &sourceRaw, &weightsAny, &biasRaw,
                &destinationAny, strides, before, after), "\(name) forward")
        let descriptor = PrimitiveDescriptor(operation, "\(name) forward")
        let destination = descriptor.descriptor(dnnl_query_dst_md)
        let forwardWeights = descriptor.descriptor(dnnl_query_weights_md)
        let forward = descriptor.makePrimitive(
            arguments: [
                DNNL_ARG_SRC: source, DNNL_ARG_WEIGHTS: forwardWeights, DNNL_ARG_BIAS: .rowMajor([filters]),
                DNNL_ARG_DST: destination,
            ], "\(name) forward")
        let plan = Plan(
            source: source, destination: destination, forwardWeights: forwardWeights, forward: forward,
            forwardDescriptor: descriptor)
        plans[input.shape] = plan
        return plan
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        checkSampleShape(of: input)
        self.input = input
        let plan = plan(for: input)
        Reorder.run(
            from: weightDescriptor, weight.value.data, to: plan.forwardWeights, plan.forwardWeightBuffer.data)
        let output = outputs.tensor(shape: [input.shape[0]] + outputShape, layout: .oneDNN(plan.destination))
        plan.forward.run([
            DNNL_ARG_SRC: input.data, DNNL_ARG_WEIGHTS: plan.forwardWeightBuffer.data,
            DNNL_ARG_BIAS: bias.value.data,
            DNNL_ARG_DST: output.data,
        ])
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let input, let plan = plans[input.shape] else {
            preconditionFailure("\(name): backward called before forward")
        }
        precondition(
            outputGradient.layout == .oneDNN(plan.destination), "\(name): gradient layout differs from output"
        )
        let strides = dims([stride, stride])
        let before = dims(paddingBefore)
        let after = dims(paddingAfter)

        if plan.backwardWeights == nil {
            var sourceRaw = plan.source.raw
            var weightsAny = MemoryDescriptor.any(weight.value.shape).raw
            var biasRaw = MemoryDescriptor.rowMajor([filters]).raw
            var destinationRaw = plan.destination.raw
            var operation = dnnl_convolution_desc_t()
            DNNL.check(
                dnnl_convolution_backward_weights_desc_init(
                    &operation, dnnl_convolution_direct, &sourceRaw, &weightsAny, &biasRaw, &destinationRaw,
                    strides, before, after), "\(name) backward weights")
            let descriptor = PrimitiveDescriptor(
                operation, hint: plan.forwardDescriptor, "\(name) backward weights")
            let weightGradient = descriptor.descriptor(dnnl_query_diff_weights_md)
            let primitive = descriptor.makePrimitive(
                arguments: [
                    DNNL_ARG_SRC: plan.source, DNNL_ARG_DIFF_DST: plan.destination,
                    DNNL_ARG_DIFF_WEIGHTS: weightGradient, DNNL_ARG_DIFF_BIAS: .rowMajor([filters]),
                ], "\(name) backward weights")
            plan.backwardWeights = (primitive, weightGradient)
        }
        let (weightsPrimitive, weightGradientDescriptor) = plan.backwardWeights!
        let weightGradientBuffer =
            weightGradientDescriptor == weightDescriptor
            ? weight.gradient
            : backwardWeightBuffers.tensor(
                shape: weight.value.shape, layout: .oneDNN(weightGradientDescriptor))
        weightsPrimitive.run([
            DNNL_ARG_SRC: input.data, DNNL_ARG_DIFF_DST: outputGradient.data,
            DNNL_ARG_DIFF_WEIGHTS: weightGradientBuffer.data, DNNL_ARG_DIFF_BIAS: bias.gradient.data,
        ])
        if weightGradientBuffer !== weight.gradient {
            Reorder.run(
                from: weightGradientDescriptor, weightGradientBuffer.data, to: weightDescriptor,
                weight.gradient.data)
        }

        guard needsInputGradient else { return outputGradient }
        if plan.backwardData == nil {
            var sourceRaw = plan.source.raw
            var weightsAny = MemoryDescriptor.any(weight.value.shape).raw
            var destinationRaw = plan.destination.raw
            var operation = dnnl_convolution_desc_t()
            DNNL.check(
                dnnl_convolution_backward_data_desc_init(
                    &operation, dnnl_convolution_direct, &sourceRaw, &weightsAny, &destinationRaw, strides,
                    before, after), "\(name) backward data")
            let descriptor = PrimitiveDescriptor(
                operation, hint: plan.forwardDescriptor, "\(name) backward data")
            let weights = descriptor.descriptor(dnnl_query_weights_md)
            let primitive = descriptor.makePrimitive(
                arguments: [
                    DNNL_ARG_DIFF_SRC: plan.source, DNNL_ARG_WEIGHTS: weights,
                    DNNL_ARG_DIFF_DST: plan.destination,
                ],
                "\(name) backward data")
            plan.backwardData = (primitive, weights)
        }
        let (dataPrimitive, weights) = plan.backwardData!
        let weightBuffer: UnsafeMutablePointer<Float>
        if weights == plan.forwardWeights {
            weightBuffer = plan.forwardWeightBuffer.data
        } else {
            let converted = backwardWeightBuffers.tensor(shape: weight.value.shape, layout: .oneDNN(weights))
            Reorder.run(from: weightDescriptor, weight.value.data, to: weights, converted.data)
            weightBuffer = converted.data
        }
        let inputGradient = inputGradients.tensor(shape: input.shape, layout: input.layout)
        dataPrimitive.run([
            DNNL_ARG_DIFF_SRC: inputGradient.data, DNNL_ARG_WEIGHTS: weightBuffer,
            DNNL_ARG_DIFF_DST: outputGradient.data,
        ])
        return inputGradient
    }
}

/// Converts sizes to oneDNN's dimension type. The array is passed where oneDNN takes a
/// `const dnnl_dims_t`, which reads only as many entries as the operation has spatial axes.
func dims(_ values: [Int]) -> [dnnl_dim_t] {
    values.map { dnnl_dim_t($0) }
}
