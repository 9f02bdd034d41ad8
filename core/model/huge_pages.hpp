// Large buffers that are cheap to touch the first time. A fresh 4 KiB page costs a page
// fault on first write: on the virtual machines we measure on ~10 µs each, i.e. ~1.6 s for
// the 578 MiB of column attentions a 64 x 256 forward keeps, paid on one thread. Huge pages
// (Linux THP in "madvise" mode, Debian's default) cut the faults 512-fold, and populating a
// buffer in one call (MADV_POPULATE_WRITE) faults it in without a trap per page. Both are
// advice: where refused, the buffers behave as usual.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/tensor.hpp"

namespace axs::kernels {

/// Asks for huge pages for the 2 MiB-aligned part of [p, p + bytes) (no-op below 4 MiB).
void adviseHugePages(void* p, size_t bytes);

/// Faults the whole pages of [p, p + bytes) in, on the OpenMP threads, without touching them
/// from user space (no-op below 1 MiB or where the kernel lacks MADV_POPULATE_WRITE).
void populate(void* p, size_t bytes);

/// n zero-initialised values whose storage got adviseHugePages() and populate() before the
/// vector zeroes it (so its serial zeroing pass only writes).
template <class T>
std::vector<T> hugePageVector(size_t n) {
    std::vector<T> v;
    v.reserve(n);
    adviseHugePages(v.data(), n * sizeof(T));
    populate(v.data(), n * sizeof(T));
    v.resize(n);
    return v;
}

/// A zero-filled tensor of this shape, huge-page backed.
TensorF hugePageTensor(std::vector<int64_t> shape);

/// `bytes` of uninitialised memory mapped for this buffer alone (page-aligned), huge-page
/// advised and faulted in at once; released when the last owner goes. Throws
/// std::bad_alloc when the memory cannot be mapped.
std::shared_ptr<uint8_t[]> populatedBytes(size_t bytes);

}  // namespace axs::kernels
