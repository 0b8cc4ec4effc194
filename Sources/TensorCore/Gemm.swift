#if canImport(Accelerate)
    // NOTE: the Accelerate path is compiled on macOS only and has not been built or tested by
    // this project's CI, which runs on Linux.
    import Accelerate
#else
    import CBLAS
#endif

/// Single-precision matrix multiplication through BLAS (`cblas_sgemm`).
public enum Gemm {
    /// Computes C = alpha * op(A) * op(B) + beta * C for row-major matrices.
    ///
    /// op(A) is m x k and op(B) is k x n; `transposeA` and `transposeB` select op(X) = Xᵀ.
    /// Leading dimensions are the row lengths of A, B and C as stored.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool = false, lda: Int? = nil,
        _ b: UnsafePointer<Float>, transposeB: Bool = false, ldb: Int? = nil,
        into c: UnsafeMutablePointer<Float>, ldc: Int? = nil,
        alpha: Float = 1, beta: Float = 0
    ) {
        let leadingA = lda ?? (transposeA ? m : k)
        let leadingB = ldb ?? (transposeB ? k : n)
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(leadingA), b, Int32(leadingB),
            beta, c, Int32(ldc ?? n))
    }
}
