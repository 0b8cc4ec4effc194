extension RunHistory {
    /// The epochs as the table of `history.csv`: epoch, training_loss, validation_loss,
    /// training_accuracy, validation_accuracy, learning_rate and seconds, one row per epoch.
    /// Values the run did not record are empty fields.
    public var csvTable: CSVTable {
        CSVTable(
            header: [
                "epoch", "training_loss", "validation_loss", "training_accuracy", "validation_accuracy",
                "learning_rate", "seconds",
            ],
            rows: epochs.map { record in
                [
                    CSVTable.field(record.epoch), CSVTable.field(record.trainingLoss),
                    CSVTable.field(record.validationLoss), CSVTable.field(record.trainingAccuracy),
                    CSVTable.field(record.validationAccuracy), CSVTable.field(record.learningRate),
                    CSVTable.field(record.seconds),
                ]
            })
    }
}

extension StudySummaryInput {
    /// The trials as the table of `trials.csv`, one row per trial in trial number order.
    ///
    /// Columns: number, state, objective, epochs, seconds, one `param_NAME` column per
    /// parameter name in order of first appearance, and message. A trial without a parameter
    /// has an empty field in its column.
    public var trialsCSVTable: CSVTable {
        let parameterNames = self.parameterNames
        let ordered = trials.sorted { $0.number < $1.number }
        let rows = ordered.map { trial in
            let values = trial.parameterValuesByName
            return [
                CSVTable.field(trial.number), trial.state.rawValue, CSVTable.field(trial.objective),
                CSVTable.field(trial.epochs), CSVTable.field(trial.seconds),
            ] + parameterNames.map { values[$0] ?? "" } + [trial.message ?? ""]
        }
        return CSVTable(
            header: ["number", "state", "objective", "epochs", "seconds"]
                + parameterNames.map { "param_\($0)" }
                + ["message"],
            rows: rows)
    }
}
