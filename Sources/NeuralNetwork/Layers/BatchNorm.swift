import CDNNL
import TensorCore

/// Batch normalization over the channel axis, run by oneDNN.
///
/// Input [N, C] (after a dense layer) or [N, C, H, W] (after a convolution, in any layout).
/// Training: y = γ · (x − μ_B) / √(σ²_B + ε) + β with the mean μ_B and biased variance σ²_B of the
/// batch (over N, H and W), and the running statistics move as
/// running = momentum · running + (1 − momentum) · batch value (the Keras convention; the
/// running variance uses the same biased batch variance).
/// Inference: the running mean and variance replace the batch statistics and nothing is updated.
/// ε is 1e-5. γ starts at 1 and β at 0; both are trainable and never L2-regularized.
public final class BatchNorm: Layer {
    public var name: String
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// Weight of the old running value in each update, in [0, 1).
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float = 1e-5
    /// Scale γ [C].
    public let scale: Parameter
    /// Shift β [C].
    public let shift: Parameter
    /// Running mean [C], used at inference.
    public let runningMean: Tensor
    /// Running variance [C], used at inference.
    public let runningVariance: Tensor

    private let channels: Int
    private var plans: [[Int]: Plan] = [:]
    private var input: Tensor?
    private var outputs = TensorCache()
    private var inputGradients = TensorCache()
    private let batchMean: Tensor
    private let batchVariance: Tensor

    private final class Plan {
        let data: MemoryDescriptor
        let trainingDescriptor: PrimitiveDescriptor
        let training: Primitive
        var inference: Primitive?
        var backward: Primitive?

        init(data: MemoryDescriptor, trainingDescriptor: PrimitiveDescriptor, training: Primitive) {
            self.data = data
            self.trainingDescriptor = trainingDescriptor
            self.training = training
        }
    }

    /// Creates a batch-norm layer for samples of `inputShape` ([C] or [C, H, W]).
    public init(name: String = "batchNorm", inputShape: [Int], momentum: Float = 0.99) {
        precondition(
            inputShape.count == 1 || inputShape.count == 3,
            "\(name) expects [C] or [C, H, W], got \(inputShape)")
        precondition(momentum >= 0 && momentum < 1, "batch-norm momentum must be in [0, 1), got \(momentum)")
        self.name = name
        self.inputShape = inputShape
        self.momentum = momentum
        channels = inputShape[0]
        scale = Parameter(
            name: "\(name).scale", kind: .normalization,
            value: Tensor(shape: [channels], values: .init(repeating: 1, count: channels)))
        shift = Parameter(name: "\(name).shift", kind: .normalization, value: Tensor(zeros: [channels]))
        runningMean = Tensor(zeros: [channels])
        runningVariance = Tensor(shape: [channels], values: .init(repeating: 1, count: channels))
        batchMean = Tensor(zeros: [channels])
        batchVariance = Tensor(zeros: [channels])
    }

    public var parameters: [Parameter] { [scale, shift] }
    public var buffers: [Tensor] { [runningMean, runningVariance] }

    private var channelDescriptor: MemoryDescriptor { .rowMajor([channels]) }

    private func operation(
        _ propagation: dnnl_prop_kind_t, data: MemoryDescriptor, flags: dnnl_normalization_flags_t
    )
        -> dnnl_batch_normalization_desc_t
    {
        var operation = dnnl_batch_normalization_desc_t()
        var raw = data.raw
        DNNL.check(
            dnnl_batch_normalization_forward_desc_init(
                &operation, propagation, &raw, epsilon, flags.rawValue),
            "\(name) forward")
        return operation
    }

    private var scaleAndShift: dnnl_normalization_flags_t {
        dnnl_normalization_flags_t(dnnl_use_scale.rawValue | dnnl_use_shift.rawValue)
    }

    private func plan(for input: Tensor) -> Plan {
        if let plan = plans[input.shape] { return plan }
        let data = input.memoryDescriptor
        let descriptor = PrimitiveDescriptor(
            operation(dnnl_forward_training, data: data, flags: scaleAndShift), "\(name) forward")
        let statistics = channelDescriptor
        let plan = Plan(
            data: data, trainingDescriptor: descriptor,
            training: descriptor.makePrimitive(
                arguments: [
                    DNNL_ARG_SRC: data, DNNL_ARG_DST: data, DNNL_ARG_SCALE: statistics,
                    DNNL_ARG_SHIFT: statistics,
                    DNNL_ARG_MEAN: statistics, DNNL_ARG_VARIANCE: statistics,
                ], "\(name) forward"))
        plans[input.shape] = plan
        return plan
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        checkSampleShape(of: input)
        self.input = input
        let plan = plan(for: input)
        let output = outputs.tensor(shape: input.shape, layout: input.layout)
        if isTraining {
            plan.training.run([
                DNNL_ARG_SRC: input.data, DNNL_ARG_DST: output.data, DNNL_ARG_SCALE: scale.value.data,
                DNNL_ARG_SHIFT: shift.value.data, DNNL_ARG_MEAN: batchMean.data,
                DNNL_ARG_VARIANCE: batchVariance.data,
            ])
            for channel in 0..<channels {
                runningMean.data[channel] =
                    momentum * runningMean.data[channel] + (1 - momentum) * batchMean.data[channel]
                runningVariance.data[channel] =
                    momentum * runningVariance.data[channel] + (1 - momentum) * batchVariance.data[channel]
            }
        } else {
            if plan.inference == nil {
                let flags = dnnl_normalization_flags_t(
                    scaleAndShift.rawValue | dnnl_use_global_stats.rawValue)
                let descriptor = PrimitiveDescriptor(
                    operation(dnnl_forward_inference, data: plan.data, flags: flags), "\(name) inference")
                let statistics = channelDescriptor
                plan.inference = descriptor.makePrimitive(
                    arguments: [
                        DNNL_ARG_SRC: plan.data, DNNL_ARG_DST: plan.data, DNNL_ARG_SCALE: statistics,
                        DNNL_ARG_SHIFT: statistics, DNNL_ARG_MEAN: statistics, DNNL_ARG_VARIANCE: statistics,
                    ], "\(name) inference")
            }
            plan.inference!.run([
                DNNL_ARG_SRC: input.data, DNNL_ARG_DST: output.data, DNNL_ARG_SCALE: scale.value.data,
                DNNL_ARG_SHIFT: shift.value.data, DNNL_ARG_MEAN: runningMean.data,
                DNNL_ARG_VARIANCE: runningVariance.data,
            ])
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let input, let plan = plans[input.shape] else {
            preconditionFailure("\(name): backward called before forward")
        }
        if plan.backward == nil {
            var operation = dnnl_batch_normalization_desc_t()
            var data = plan.data.raw
            var difference = plan.data.raw
            DNNL.check(
                dnnl_batch_normalization_backward_desc_init(
                    &operation, dnnl_backward, &difference, &data, epsilon, scaleAndShift.rawValue),
                "\(name) backward")
            let statistics = channelDescriptor
            plan.backward = PrimitiveDescriptor(operation, hint: plan.trainingDescriptor, "\(name) backward")
                .makePrimitive(
                    arguments: [
                        DNNL_ARG_SRC: plan.data, DNNL_ARG_DIFF_DST: plan.data, DNNL_ARG_DIFF_SRC: plan.data,
                        DNNL_ARG_SCALE: statistics, DNNL_ARG_SHIFT: statistics, DNNL_ARG_MEAN: statistics,
                        DNNL_ARG_VARIANCE: statistics, DNNL_ARG_DIFF_SCALE: statistics,
                        DNNL_ARG_DIFF_SHIFT: statistics,
                    ], "\(name) backward")
        }
        // oneDNN computes the input gradient together with dγ and dβ; it requires the shift as an
        // input whenever the shift flag is set, although the gradient does not depend on it.
        let inputGradient = inputGradients.tensor(shape: input.shape, layout: input.layout)
        plan.backward!.run([
            DNNL_ARG_SRC: input.data, DNNL_ARG_DIFF_DST: outputGradient.data,
            DNNL_ARG_DIFF_SRC: inputGradient.data,
            DNNL_ARG_SCALE: scale.value.data, DNNL_ARG_SHIFT: shift.value.data, DNNL_ARG_MEAN: batchMean.data,
            DNNL_ARG_VARIANCE: batchVariance.data, DNNL_ARG_DIFF_SCALE: scale.gradient.data,
            DNNL_ARG_DIFF_SHIFT: shift.gradient.data,
        ])
        return needsInputGradient ? inputGradient : outputGradient
    }
}
