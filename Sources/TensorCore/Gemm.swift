#if canImport(Accelerate)
    // NOTE: the Accelerate path is compiled on macOS only and has not been built or tested by
    // this project's CI, which runs on Linux.
    import Accelerate
#else
    import CBLAS
#endif

/// Single-precision matrix multiplication through BLAS (`cblas_sgemm`).
public enum Gemm {
    /// Products below this many multiply-adds run in one BLAS call on the calling thread.
    static let parallelThreshold = 1 << 18

    /// Computes C = alpha * op(A) * op(B) + beta * C for row-major matrices.
    ///
    /// op(A) is m x k and op(B) is k x n; `transposeA` and `transposeB` select op(X) = Xᵀ.
    /// Leading dimensions are the row lengths of A, B and C as stored. Large products are cut
    /// into row blocks of C (or column blocks when C has fewer rows than columns), one per
    /// thread of `ComputeThreads.pool`, and each block is one single-threaded BLAS call.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool = false, lda: Int? = nil,
        _ b: UnsafePointer<Float>, transposeB: Bool = false, ldb: Int? = nil,
        into c: UnsafeMutablePointer<Float>, ldc: Int? = nil,
        alpha: Float = 1, beta: Float = 0
    ) {
        let leadingA = lda ?? (transposeA ? m : k)
        let leadingB = ldb ?? (transposeB ? k : n)
        let leadingC = ldc ?? n
        let pool = ComputeThreads.pool
        let parts = pool.threadCount
        guard parts > 1, m * n * k >= parallelThreshold, max(m, n) >= 2 * parts else {
            call(m: m, n: n, k: k, a, transposeA, leadingA, b, transposeB, leadingB, c, leadingC, alpha, beta)
            return
        }
        let splitsRows = m >= n
        let extent = splitsRows ? m : n
        pool.run { part in
            // Blocks are multiples of 16 rows or columns, the width of the BLAS kernels' tiles.
            let lower = min(extent, (extent * part / parts + 8) / 16 * 16)
            let upper = part == parts - 1 ? extent : min(extent, (extent * (part + 1) / parts + 8) / 16 * 16)
            guard upper > lower else { return }
            if splitsRows {
                let aBlock = transposeA ? a + lower : a + lower * leadingA
                call(
                    m: upper - lower, n: n, k: k, aBlock, transposeA, leadingA, b, transposeB, leadingB,
                    c + lower * leadingC, leadingC, alpha, beta)
            } else {
                let bBlock = transposeB ? b + lower * leadingB : b + lower
                call(
                    m: m, n: upper - lower, k: k, a, transposeA, leadingA, bBlock, transposeB, leadingB,
                    c + lower, leadingC, alpha, beta)
            }
        }
    }

    private static func call(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, _ transposeA: Bool, _ lda: Int,
        _ b: UnsafePointer<Float>, _ transposeB: Bool, _ ldb: Int,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ alpha: Float, _ beta: Float
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }
}
