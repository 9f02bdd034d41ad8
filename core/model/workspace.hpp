// Scratch buffers reused across the blocks and layers of one forward pass, so a forward
// allocates its working memory once (and the peak is the sum of the largest use per slot).
#pragma once

#include <array>
#include <cstddef>
#include <memory>

#include "model/huge_pages.hpp"

namespace axs {

/// Normed holds LayerNorm output (and later contexts); A (3 blocks) and B (1 block) hold
/// projections and their head-major copies; Hidden the FFN hidden layer (and column
/// attention's values); Scores per-group row-attention logits (padded batches on the
/// chunked path), bfloat16 row-attention probabilities and column-attention scores; Probs
/// bfloat16 column-attention probabilities.
enum class Slot { Normed, A, B, Hidden, Scores, Probs, Count };

class Workspace {
public:
    /// A buffer of at least n floats for `slot`; contents are unspecified. The pointer stays
    /// valid until the next get() on the same slot with a larger n.
    float* get(Slot slot, size_t n) {
        auto& b = buffers_[static_cast<size_t>(slot)];
        if (b.size < n) {
            b.data.reset();
            b.data = kernels::populatedBytes(n * sizeof(float));
            b.size = n;
        }
        return reinterpret_cast<float*>(b.data.get());
    }
    /// A buffer of at least n elements of T (float or a 16-bit bfloat16) for `slot`.
    template <class T>
    T* get(Slot slot, size_t n) {
        return reinterpret_cast<T*>(get(slot, (n * sizeof(T) + sizeof(float) - 1) / sizeof(float)));
    }
    /// A buffer of n elements of `bytesPerElement` bytes each.
    void* getBytes(Slot slot, size_t n, size_t bytesPerElement) {
        return get(slot, (n * bytesPerElement + sizeof(float) - 1) / sizeof(float));
    }
    /// Bytes currently held (for memory accounting in tests and estimates).
    size_t bytes() const {
        size_t total = 0;
        for (const auto& b : buffers_) total += b.size * sizeof(float);
        return total;
    }

private:
    struct Buffer {
        std::shared_ptr<uint8_t[]> data;
        size_t size = 0;
    };
    std::array<Buffer, static_cast<size_t>(Slot::Count)> buffers_;
};

}  // namespace axs
