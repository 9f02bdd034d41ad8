// When a loop is worth a parallel region: below this many elements the cost of waking and
// joining the team (large on a busy machine, where a thread may wait a whole time slice)
// exceeds the work, so small loops run on the calling thread.
#pragma once

#include <cstdint>

namespace axs::kernels {

inline constexpr int64_t kParallelMinElements = int64_t{1} << 16;

inline bool worthParallel(int64_t elements) { return elements >= kParallelMinElements; }

}  // namespace axs::kernels
