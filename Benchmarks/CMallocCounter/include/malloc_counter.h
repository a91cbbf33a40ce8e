#ifndef SAMKALK_MALLOC_COUNTER_H
#define SAMKALK_MALLOC_COUNTER_H

#include <stdint.h>

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by
/// the whole process since it started; 0 where the counter cannot interpose (not glibc).
uint64_t samkalk_allocations(void);

/// 1 where allocations are counted.
int samkalk_allocations_counted(void);

#endif
