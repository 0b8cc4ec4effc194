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
/// consecutive oneDNN layers need no reorders. The input is reordered only when the
/// convolution runs faster in another layout. For example, oneDNN 2.6 has no optimized
/// backward kernel for 8 input channels padded to a block of 16, and its reference kernel made
/// an epoch of a CNN with 8 filters take 37.2 s instead of 0.4 s. The weights stay row-major for the optimizer and are reordered to
/// oneDNN's weight layout (a few thousand values) each step.
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
    /// The input of the last forward pass in the layout the convolution reads: `input` itself,
    /// or its reordered copy.
    private var convolutionInput: Tensor?
    private var outputs = TensorCache()
    private var inputGradients = TensorCache()
    private var backwardWeightBuffers = TensorCache()
    /// The input reordered for the backward-weights primitive, and the input gradient in the
    /// backward-data primitive's layout, where those differ from the layers' layout.
    private var backwardSources = TensorCache()
    private var backwardInputGradients = TensorCache()
    /// The output gradient reordered for each backward primitive that reads another layout.
    private var weightPassOutputGradients = TensorCache()
    private var dataPassOutputGradients = TensorCache()

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
        /// The layout of the incoming input.
        let source: MemoryDescriptor
        /// The layout the convolution reads its input in.
        let convolutionSource: MemoryDescriptor
        let destination: MemoryDescriptor
        let forwardWeights: MemoryDescriptor
        let forward: Primitive
        let forwardDescriptor: PrimitiveDescriptor
        /// The backward-data primitive, the weight layout it reads, the layout it writes the input
        /// gradient in, and the layout it reads the output gradient in.
        var backwardData:
            (
                primitive: Primitive, weights: MemoryDescriptor, inputGradient: MemoryDescriptor,
                outputGradient: MemoryDescriptor
            )?
        /// The backward-weights primitive, the layout of the weight gradient it writes, and the
        /// layouts it reads the input and the output gradient in.
        var backwardWeights:
            (
                primitive: Primitive, weightGradient: MemoryDescriptor, source: MemoryDescriptor,
                outputGradient: MemoryDescriptor
            )?
        let forwardWeightBuffer: Tensor
        /// The name of oneDNN's implementation of each primitive created so far, by direction.
        var implementations: [String: String] = [:]
        /// The input reordered to `convolutionSource`, when that differs from `source`.
        let sourceBuffer: Tensor?

        init(
            source: MemoryDescriptor, convolutionSource: MemoryDescriptor, destination: MemoryDescriptor,
            forwardWeights: MemoryDescriptor, forward: Primitive, forwardDescriptor: PrimitiveDescriptor
        ) {
            self.source = source
            self.convolutionSource = convolutionSource
            self.destination = destination
            self.forwardWeights = forwardWeights
            self.forward = forward
            self.forwardDescriptor = forwardDescriptor
            forwardWeightBuffer = Tensor(shape: forwardWeights.shape, layout: .oneDNN(forwardWeights))
            sourceBuffer =
                convolutionSource == source
                ? nil : Tensor(shape: convolutionSource.shape, layout: .oneDNN(convolutionSource))
        }
    }

    private var weightDescriptor: MemoryDescriptor { .rowMajor(weight.value.shape) }

    private func plan(for input: Tensor) -> Plan {
        if let plan = plans[input.shape] { return plan }
        let batch = input.shape[0]
        let source = input.memoryDescriptor
        var weightsAny = MemoryDescriptor.any(weight.value.shape).raw
        var biasRaw = MemoryDescriptor.rowMajor([filters]).raw
        let strides = dims([stride, stride])
        let before = dims(paddingBefore)
        let after = dims(paddingAfter)
        let destinationAny = MemoryDescriptor.any([batch] + outputShape)
        let descriptor = fastDescriptor(
            inputShape: input.shape, outputGradient: destinationAny, hint: nil, "\(name) forward"
        ) { sourceRaw, destinationRaw in
            var operation = dnnl_convolution_desc_t()
            let status = dnnl_convolution_forward_desc_init(
                &operation, dnnl_forward_training, dnnl_convolution_direct, &sourceRaw, &weightsAny, &biasRaw,
                &destinationRaw, strides, before, after)
            return status == dnnl_success ? operation : nil
        }
        let convolutionSource = descriptor.descriptor(dnnl_query_src_md)
        let destination = descriptor.descriptor(dnnl_query_dst_md)
        let forwardWeights = descriptor.descriptor(dnnl_query_weights_md)
        let forward = descriptor.makePrimitive(
            arguments: [
                DNNL_ARG_SRC: convolutionSource, DNNL_ARG_WEIGHTS: forwardWeights,
                DNNL_ARG_BIAS: .rowMajor([filters]),
                DNNL_ARG_DST: destination,
            ], "\(name) forward")
        let plan = Plan(
            source: source, convolutionSource: convolutionSource, destination: destination,
            forwardWeights: forwardWeights, forward: forward, forwardDescriptor: descriptor)
        plan.implementations["forward"] = descriptor.implementationName
        plans[input.shape] = plan
        return plan
    }

    /// The name of oneDNN's implementation of each primitive created so far, such as
    /// "forward" = "jit:avx512_core", for every batch shape seen.
    var implementationNames: [String: String] {
        plans.values.reduce(into: [:]) { names, plan in
            names.merge(plan.implementations) { first, _ in first }
        }
    }

    /// The layouts tried, in order, when oneDNN's own choice runs its reference kernel: NHWC,
    /// channel blocks of 16 and of 8, and row-major NCHW.
    private static let fallbackTags = [dnnl_acdb, dnnl_aBcd16b, dnnl_aBcd8b, dnnl_abcd]

    /// Returns the primitive descriptor of `operation` for the first layouts that oneDNN runs
    /// with an optimized kernel. It tries oneDNN's own choice of input layout with
    /// `outputGradient`, then each of `fallbackTags` for the input with `outputGradient`, then
    /// for both. When every try gets the reference kernel, oneDNN's own choice is used.
    ///
    /// - Parameters:
    ///   - outputGradient: the layout of the output (forward) or of the output gradient.
    ///   - operation: builds the operation descriptor for an input (or input gradient) layout
    ///     and an output (or output gradient) layout, or returns nil when oneDNN rejects them.
    private func fastDescriptor(
        inputShape: [Int], outputGradient: MemoryDescriptor, hint: PrimitiveDescriptor?, _ what: String,
        operation: (inout dnnl_memory_desc_t, inout dnnl_memory_desc_t) -> dnnl_convolution_desc_t?
    ) -> PrimitiveDescriptor {
        var anySource = MemoryDescriptor.any(inputShape).raw
        var outputLayout = outputGradient.raw
        guard let chosen = operation(&anySource, &outputLayout) else {
            preconditionFailure("\(what): oneDNN rejected the convolution")
        }
        let preferred = PrimitiveDescriptor(chosen, hint: hint, what)
        guard preferred.isReferenceImplementation else { return preferred }
        let outputShape = outputGradient.shape
        let tries =
            Self.fallbackTags.map { ($0, outputGradient) }
            + Self.fallbackTags.map { ($0, MemoryDescriptor(shape: outputShape, tag: $0)) }
        for (tag, output) in tries {
            var source = MemoryDescriptor(shape: inputShape, tag: tag).raw
            var outputRaw = output.raw
            if let candidate = operation(&source, &outputRaw),
                let descriptor = PrimitiveDescriptor(trying: candidate, hint: hint),
                !descriptor.isReferenceImplementation
            {
                return descriptor
            }
        }
        return preferred
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        checkSampleShape(of: input)
        self.input = input
        let plan = plan(for: input)
        precondition(input.memoryDescriptor == plan.source, "\(name): input layout differs from the plan's")
        var convolutionInput = input
        if let buffer = plan.sourceBuffer {
            Reorder.run(from: plan.source, input.data, to: plan.convolutionSource, buffer.data)
            convolutionInput = buffer
        }
        self.convolutionInput = convolutionInput
        Reorder.run(
            from: weightDescriptor, weight.value.data, to: plan.forwardWeights, plan.forwardWeightBuffer.data)
        let output = outputs.tensor(shape: [input.shape[0]] + outputShape, layout: .oneDNN(plan.destination))
        plan.forward.run([
            DNNL_ARG_SRC: convolutionInput.data, DNNL_ARG_WEIGHTS: plan.forwardWeightBuffer.data,
            DNNL_ARG_BIAS: bias.value.data,
            DNNL_ARG_DST: output.data,
        ])
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let input, let convolutionInput, let plan = plans[input.shape] else {
            preconditionFailure("\(name): backward called before forward")
        }
        precondition(
            outputGradient.layout == .oneDNN(plan.destination), "\(name): gradient layout differs from output"
        )
        let strides = dims([stride, stride])
        let before = dims(paddingBefore)
        let after = dims(paddingAfter)

        if plan.backwardWeights == nil {
            var weightsAny = MemoryDescriptor.any(weight.value.shape).raw
            var biasRaw = MemoryDescriptor.rowMajor([filters]).raw
            let descriptor = fastDescriptor(
                inputShape: input.shape, outputGradient: plan.destination, hint: plan.forwardDescriptor,
                "\(name) backward weights"
            ) { sourceRaw, destinationRaw in
                var operation = dnnl_convolution_desc_t()
                let status = dnnl_convolution_backward_weights_desc_init(
                    &operation, dnnl_convolution_direct, &sourceRaw, &weightsAny, &biasRaw, &destinationRaw,
                    strides, before, after)
                return status == dnnl_success ? operation : nil
            }
            let weightGradient = descriptor.descriptor(dnnl_query_diff_weights_md)
            let source = descriptor.descriptor(dnnl_query_src_md)
            let gradientOfOutput = descriptor.descriptor(dnnl_query_diff_dst_md)
            let primitive = descriptor.makePrimitive(
                arguments: [
                    DNNL_ARG_SRC: source, DNNL_ARG_DIFF_DST: gradientOfOutput,
                    DNNL_ARG_DIFF_WEIGHTS: weightGradient, DNNL_ARG_DIFF_BIAS: .rowMajor([filters]),
                ], "\(name) backward weights")
            plan.backwardWeights = (primitive, weightGradient, source, gradientOfOutput)
            plan.implementations["backward weights"] = descriptor.implementationName
        }
        let (weightsPrimitive, weightGradientDescriptor, weightsSource, weightsOutputGradient) =
            plan.backwardWeights!
        let weightGradientBuffer =
            weightGradientDescriptor == weightDescriptor
            ? weight.gradient
            : backwardWeightBuffers.tensor(
                shape: weight.value.shape, layout: .oneDNN(weightGradientDescriptor))
        var sourceForWeights = input
        if weightsSource == plan.convolutionSource {
            sourceForWeights = convolutionInput
        } else if weightsSource != plan.source {
            sourceForWeights = backwardSources.tensor(shape: input.shape, layout: .oneDNN(weightsSource))
            Reorder.run(from: plan.source, input.data, to: weightsSource, sourceForWeights.data)
        }
        let outputGradientForWeights = reordered(
            outputGradient, from: plan.destination, to: weightsOutputGradient,
            cache: &weightPassOutputGradients)
        weightsPrimitive.run([
            DNNL_ARG_SRC: sourceForWeights.data, DNNL_ARG_DIFF_DST: outputGradientForWeights.data,
            DNNL_ARG_DIFF_WEIGHTS: weightGradientBuffer.data, DNNL_ARG_DIFF_BIAS: bias.gradient.data,
        ])
        if weightGradientBuffer !== weight.gradient {
            Reorder.run(
                from: weightGradientDescriptor, weightGradientBuffer.data, to: weightDescriptor,
                weight.gradient.data)
        }

        guard needsInputGradient else { return outputGradient }
        if plan.backwardData == nil {
            var weightsAny = MemoryDescriptor.any(weight.value.shape).raw
            let descriptor = fastDescriptor(
                inputShape: input.shape, outputGradient: plan.destination, hint: plan.forwardDescriptor,
                "\(name) backward data"
            ) { sourceRaw, destinationRaw in
                var operation = dnnl_convolution_desc_t()
                let status = dnnl_convolution_backward_data_desc_init(
                    &operation, dnnl_convolution_direct, &sourceRaw, &weightsAny, &destinationRaw, strides,
                    before, after)
                return status == dnnl_success ? operation : nil
            }
            let weights = descriptor.descriptor(dnnl_query_weights_md)
            let inputGradient = descriptor.descriptor(dnnl_query_diff_src_md)
            let gradientOfOutput = descriptor.descriptor(dnnl_query_diff_dst_md)
            let primitive = descriptor.makePrimitive(
                arguments: [
                    DNNL_ARG_DIFF_SRC: inputGradient, DNNL_ARG_WEIGHTS: weights,
                    DNNL_ARG_DIFF_DST: gradientOfOutput,
                ],
                "\(name) backward data")
            plan.backwardData = (primitive, weights, inputGradient, gradientOfOutput)
            plan.implementations["backward data"] = descriptor.implementationName
        }
        let (dataPrimitive, weights, gradientLayout, dataOutputGradient) = plan.backwardData!
        let weightBuffer: UnsafeMutablePointer<Float>
        if weights == plan.forwardWeights {
            weightBuffer = plan.forwardWeightBuffer.data
        } else {
            let converted = backwardWeightBuffers.tensor(shape: weight.value.shape, layout: .oneDNN(weights))
            Reorder.run(from: weightDescriptor, weight.value.data, to: weights, converted.data)
            weightBuffer = converted.data
        }
        let inputGradient = inputGradients.tensor(shape: input.shape, layout: input.layout)
        let gradientTarget =
            gradientLayout == plan.source
            ? inputGradient
            : backwardInputGradients.tensor(shape: input.shape, layout: .oneDNN(gradientLayout))
        let outputGradientForData = reordered(
            outputGradient, from: plan.destination, to: dataOutputGradient, cache: &dataPassOutputGradients)
        dataPrimitive.run([
            DNNL_ARG_DIFF_SRC: gradientTarget.data, DNNL_ARG_WEIGHTS: weightBuffer,
            DNNL_ARG_DIFF_DST: outputGradientForData.data,
        ])
        if gradientTarget !== inputGradient {
            Reorder.run(from: gradientLayout, gradientTarget.data, to: plan.source, inputGradient.data)
        }
        return inputGradient
    }
}

/// Returns `tensor` when `layout` is `source`, else its copy in `layout`, held in `cache`.
private func reordered(
    _ tensor: Tensor, from source: MemoryDescriptor, to layout: MemoryDescriptor, cache: inout TensorCache
) -> Tensor {
    guard layout != source else { return tensor }
    let copy = cache.tensor(shape: tensor.shape, layout: .oneDNN(layout))
    Reorder.run(from: source, tensor.data, to: layout, copy.data)
    return copy
}

/// Converts sizes to oneDNN's dimension type. The array is passed where oneDNN takes a
/// `const dnnl_dims_t`, which reads only as many entries as the operation has spatial axes.
func dims(_ values: [Int]) -> [dnnl_dim_t] {
    values.map { dnnl_dim_t($0) }
}
