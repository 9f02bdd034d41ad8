// Scratch buffers reused across the blocks and layers of one forward pass, so a forward
// allocates its working memory once (and the peak is the sum of the largest use per slot).
#pragma once

#include <array>
#include <cstddef>
#include <memory>

namespace axs {

/// Normed holds LayerNorm output (and later contexts); A (3 blocks) and B (1 block) hold
/// projections and their head-major copies; Hidden the FFN hidden layer; Scores per-group
/// row-attention logits (padded batches on the chunked path).
enum class Slot { Normed, A, B, Hidden, Scores, Count };

class Workspace {
public:
    /// A buffer of at least n floats for `slot`; contents are unspecified. The pointer stays
    /// valid until the next get() on the same slot with a larger n.
    float* get(Slot slot, size_t n) {
        auto& b = buffers_[static_cast<size_t>(slot)];
        if (b.size < n) {
            b.data.reset();
            b.data = std::make_unique_for_overwrite<float[]>(n);
            b.size = n;
        }
        return b.data.get();
    }
    /// Bytes currently held (for memory accounting in tests and estimates).
    size_t bytes() const {
        size_t total = 0;
        for (const auto& b : buffers_) total += b.size * sizeof(float);
        return total;
    }

private:
    struct Buffer {
        std::unique_ptr<float[]> data;
        size_t size = 0;
    };
    std::array<Buffer, static_cast<size_t>(Slot::Count)> buffers_;
};

}  // namespace axs
