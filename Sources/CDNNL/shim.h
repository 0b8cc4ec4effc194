#include <oneapi/dnnl/dnnl.h>
#include <oneapi/dnnl/dnnl_debug.h>

// OpenMP runtime entry points of GCC's libgomp, which Debian's oneDNN build threads with.
// They are declared here because omp.h is not on clang's include path. SwiftTune runs its own
// parallel loops on the same OpenMP thread team as oneDNN, so the two never oversubscribe.
extern void omp_set_num_threads(int count);
extern int omp_get_thread_num(void);
extern int omp_get_num_threads(void);
extern void GOMP_parallel(void (*function)(void *), void *data, unsigned thread_count, unsigned flags);
