#include "model/huge_pages.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <new>

namespace axs::kernels {

namespace {
constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
}

void adviseHugePages(void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
    if (!p || bytes < 2 * kHugePage) return;
    const auto begin = (reinterpret_cast<uintptr_t>(p) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHugePage - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice only
#else
    (void)p;
    (void)bytes;
#endif
}

void populate(void* p, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    constexpr uintptr_t kPage = 4096, kChunk = uintptr_t{16} << 20;
    if (!p || bytes < (size_t{1} << 20)) return;
    const auto begin = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
    const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
    const auto chunks = static_cast<int64_t>((end - begin + kChunk - 1) / kChunk);
#pragma omp parallel for schedule(dynamic) if (chunks > 1)
    for (int64_t i = 0; i < chunks; ++i) {
        const uintptr_t a = begin + static_cast<uintptr_t>(i) * kChunk, b = std::min(end, a + kChunk);
        madvise(reinterpret_cast<void*>(a), b - a, MADV_POPULATE_WRITE);  // advice only
    }
#else
    (void)p;
    (void)bytes;
#endif
}

TensorF hugePageTensor(std::vector<int64_t> shape) {
    TensorF t;
    t.data = hugePageVector<float>(TensorF::numel(shape));
    t.shape = std::move(shape);
    return t;
}

std::shared_ptr<uint8_t[]> populatedBytes(size_t bytes) {
    const size_t size = bytes == 0 ? 1 : bytes;
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    adviseHugePages(p, size);
    populate(p, size);
    return std::shared_ptr<uint8_t[]>(static_cast<uint8_t*>(p), [size](uint8_t* q) { munmap(q, size); });
}

}  // namespace axs::kernels
