#include "model/run_estimate.hpp"

#include "model/weights.hpp"

namespace axs {

double forwardFlops(const ModelConfig& cfg, int64_t rows, int64_t cols) {
    const double R = static_cast<double>(rows), C = static_cast<double>(cols + 1), N = R * C;
    const double D = cfg.embedDim, F = cfg.ffnDim, L = cfg.layers;
    const double projections = 8.0 * D * D + 2.0 * D * F;  // = 16·D² for F = 4·D
    const double perLayer = projections * N + 2.0 * R * C * C * D + 2.0 * C * R * R * D;
    const double head = (D * D + D * kVocabSize) * N;
    return 2.0 * (L * perLayer + head);
}

}  // namespace axs
