import Foundation
import TensorCore

/// How a layer draws its initial weights; biases always start at zero.
///
/// - He (Kaiming, He et al. 2015), for ReLU-family activations: variance 2 / fanIn.
///   Normal: N(0, 2/fanIn); uniform: U(-√(6/fanIn), √(6/fanIn)).
/// - Glorot (Xavier, Glorot and Bengio 2010), for tanh and sigmoid: variance 2 / (fanIn + fanOut).
///   Normal: N(0, 2/(fanIn+fanOut)); uniform: U(-√(6/(fanIn+fanOut)), √(6/(fanIn+fanOut))).
///
/// For a convolution, fanIn = input channels × kernel area and fanOut = filters × kernel area.
public enum Initializer: String, Codable, CaseIterable, Sendable {
    case heNormal
    case heUniform
    case glorotNormal
    case glorotUniform

    /// Returns a row-major tensor of `shape` filled from this distribution.
    public func tensor(shape: [Int], fanIn: Int, fanOut: Int, generator: inout SeededGenerator) -> Tensor {
        let tensor = Tensor(shape: shape, layout: .rowMajor)
        let variance: Double
        switch self {
        case .heNormal, .heUniform: variance = 2 / Double(fanIn)
        case .glorotNormal, .glorotUniform: variance = 2 / Double(fanIn + fanOut)
        }
        let values = tensor.data
        switch self {
        case .heNormal, .glorotNormal:
            let deviation = Float(variance.squareRoot())
            for index in 0..<tensor.count { values[index] = generator.nextNormal() * deviation }
        case .heUniform, .glorotUniform:
            let limit = Float((3 * variance).squareRoot())
            for index in 0..<tensor.count { values[index] = (2 * generator.nextUnitFloat() - 1) * limit }
        }
        return tensor
    }
}
