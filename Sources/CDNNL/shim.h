#include <oneapi/dnnl/dnnl.h>
#include <oneapi/dnnl/dnnl_debug.h>

// OpenMP runtime entry point (libgomp), declared here because omp.h is not on clang's path.
extern void omp_set_num_threads(int count);
