import Foundation
import Testing

@testable import Datasets

extension RealData {
    /// The scikit-learn CSV files, whose first line is `n_samples,n_features,class names...`.
    static let sklearnOptions = try! CSVOptions(hasClassNamesLine: true)

    static let breastCancer = Result {
        try Dataset(
            csvAt: root.appendingPathComponent("sklearn-breast-cancer/breast_cancer.csv"),
            options: sklearnOptions)
    }
    static let iris = Result {
        try Dataset(csvAt: root.appendingPathComponent("sklearn-iris/iris.csv"), options: sklearnOptions)
    }
    static let wine = Result {
        try Dataset(csvAt: root.appendingPathComponent("sklearn-wine/wine_data.csv"), options: sklearnOptions)
    }
    /// Gzip-compressed, with no line before the rows.
    static let digits = Result {
        try Dataset(csvAt: root.appendingPathComponent("sklearn-digits/digits.csv.gz"))
    }
}

// Expected values below were computed independently of SwiftTune with Python 3's csv and gzip
// modules: each file was read with csv.reader, the first line set aside (except for digits),
// the last cell of each row counted as the label with collections.Counter, and single cells
// read by row and column index.

@Suite("Real CSV data")
struct CSVRealDataTests {
    @Test func breastCancerShapeAndClasses() throws {
        let dataset = try RealData.breastCancer.get()
        #expect(dataset.name == "breast_cancer")
        #expect(dataset.count == 569)
        #expect(dataset.sampleShape == [30])
        #expect(dataset.features.count == 569 * 30)
        #expect(dataset.classNames == ["malignant", "benign"])
        #expect(dataset.labelHistogram() == [212, 357])
    }

    @Test func breastCancerCellsAndLabels() throws {
        let dataset = try RealData.breastCancer.get()
        let first = Array(dataset.features(ofSample: 0))
        #expect(first[0] == 17.99)
        #expect(first[3] == 1001)
        #expect(first[29] == 0.1189)
        #expect(Array(dataset.features(ofSample: 568))[29] == 0.07039)
        #expect(Array(dataset.features(ofSample: 100))[1] == 24.98)
        #expect(dataset.features.max() == 4254)

        // Rows 0 to 18 are malignant and row 19 is the first benign one.
        #expect(dataset.labels[0..<19].allSatisfy { $0 == 0 })
        #expect(dataset.labels[19] == 1)
        #expect(dataset.labels[100] == 0)
        #expect(dataset.labels[568] == 1)
        // The first column sums to 8038.429 in Python's float64 arithmetic.
        var firstColumnSum = 0.0
        for sample in 0..<dataset.count {
            firstColumnSum += Double(dataset.features(ofSample: sample).first!)
        }
        #expect(abs(firstColumnSum - 8038.429) < 1e-3)
    }

    @Test func irisShapeAndClasses() throws {
        let dataset = try RealData.iris.get()
        #expect(dataset.count == 150)
        #expect(dataset.sampleShape == [4])
        #expect(dataset.classNames == ["setosa", "versicolor", "virginica"])
        #expect(dataset.labelHistogram() == [50, 50, 50])
        #expect(Array(dataset.features(ofSample: 0)) == [5.1, 3.5, 1.4, 0.2])
        #expect(Array(dataset.features(ofSample: 50)) == [7.0, 3.2, 4.7, 1.4])
        #expect(dataset.labels[50] == 1)
        #expect(Array(dataset.features(ofSample: 100)) == [6.3, 3.3, 6.0, 2.5])
        #expect(dataset.labels[100] == 2)
    }

    @Test func wineShapeAndClasses() throws {
        let dataset = try RealData.wine.get()
        #expect(dataset.name == "wine_data")
        #expect(dataset.count == 178)
        #expect(dataset.sampleShape == [13])
        #expect(dataset.classNames == ["class_0", "class_1", "class_2"])
        #expect(dataset.labelHistogram() == [59, 71, 48])
        #expect(Array(dataset.features(ofSample: 0))[0] == 14.23)
        #expect(Array(dataset.features(ofSample: 0))[12] == 1065)
        #expect(Array(dataset.features(ofSample: 59))[0] == 12.37)
        #expect(dataset.labels[58] == 0)
        #expect(dataset.labels[59] == 1)
        #expect(dataset.features.max() == 1680)
    }

    @Test func digitsFromGzipWithoutClassNamesLine() throws {
        let dataset = try RealData.digits.get()
        #expect(dataset.name == "digits")
        #expect(dataset.count == 1_797)
        #expect(dataset.sampleShape == [64])
        // Without given names, the integer labels 0 to 9 name the classes in their own order.
        #expect(dataset.classNames == (0...9).map(String.init))
        #expect(dataset.labelHistogram() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(Array(dataset.labels.prefix(10)) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(Array(dataset.features(ofSample: 0))[2..<5] == [5, 13, 9])
        #expect(Array(dataset.features(ofSample: 1_796))[0..<8] == [0, 0, 10, 14, 8, 1, 0, 0])
        #expect(dataset.labels[1_796] == 8)
        // The sum of all pixel counts, which a Double represents exactly.
        #expect(dataset.features.reduce(0.0) { $0 + Double($1) } == 561_718)
        #expect(dataset.features.max() == 16)
    }
}
