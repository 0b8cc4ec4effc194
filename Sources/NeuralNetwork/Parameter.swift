import TensorCore

/// A trainable tensor and its gradient.
///
/// Layers create their parameters in row-major layout and accumulate into `gradient` during
/// the backward pass; optimizers read `gradient` and update `value` in place.
public final class Parameter: @unchecked Sendable {
    /// What the parameter is, which decides whether L2 regularization and weight decay apply.
    public enum Kind: String, Sendable, Codable {
        /// A dense or convolution kernel: L2 and weight decay apply.
        case weight
        /// An additive bias: not regularized.
        case bias
        /// Batch-norm scale (gamma) or shift (beta): not regularized.
        case normalization
    }

    /// A name unique within the model, such as `dense1.weight`.
    public var name: String
    /// Regularization class of this parameter.
    public let kind: Kind
    /// Current values.
    public let value: Tensor
    /// Gradient of the loss with respect to `value`, same shape and layout.
    public let gradient: Tensor

    /// Creates a parameter holding `value` with a zero gradient.
    public init(name: String, kind: Kind, value: Tensor) {
        self.name = name
        self.kind = kind
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// Whether L2 regularization and decoupled weight decay apply to this parameter.
    public var isRegularized: Bool { kind == .weight }

    /// Number of scalar values.
    public var count: Int { value.count }
}
