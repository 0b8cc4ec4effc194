import NeuralNetwork
import TensorCore

/// Optimizer state for each parameter object, keyed by the parameter's identity.
///
/// The store keeps a strong reference to each parameter it has seen, so the runtime cannot
/// reuse that object identifier for a new parameter while the old state is still stored.
struct ParameterStateStore<State: AnyObject> {
    private struct Entry {
        let parameter: Parameter
        let state: State
    }

    private var entries: [ObjectIdentifier: Entry] = [:]

    /// Returns the state of `parameter`, creating it with `makeState` on first use.
    mutating func state(for parameter: Parameter, makeState: (Parameter) -> State) -> State {
        let key = ObjectIdentifier(parameter)
        if let entry = entries[key] {
            return entry.state
        }
        let state = makeState(parameter)
        entries[key] = Entry(parameter: parameter, state: state)
        return state
    }

    /// Number of parameters with stored state.
    var count: Int { entries.count }

    /// Removes the state of every parameter.
    mutating func removeAll() {
        entries.removeAll()
    }
}

/// Returns a zero-filled buffer with one element per value of `parameter`.
func zeroBuffer(like parameter: Parameter) -> Tensor {
    Tensor(zeros: [parameter.count])
}
