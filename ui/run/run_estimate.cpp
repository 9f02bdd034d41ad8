#include "run/run_estimate.hpp"

#include <QFile>
#include <algorithm>

#include "model/run_estimate.hpp"

namespace axs::ui {

// The formula, in float32 bytes (4 each), with R rows, C columns, D width, F FFN width,
// H heads, L layers, P positions:
//   weights      = L (8 D^2 + 2 D F + 13 D + F) + 33 D + (P + 2) D + 1024 * rowEmbeddingWidth   (parameters)
//                  (x 2 while a checkpoint is converted: the loaded tensors and the model's copy)
//   activations  = 8 R C D + 2 R C F            (hidden state, residual, q/k/v, attention output, FFN)
//                + 3 H C R^2 + 3 H C^2          (column- and row-attention scores and probabilities)
//   kept outputs = L H C^2 (row attentions) + 2 L H T^2 + 2 T^2 (contact-head input and map), T = C - 1
//   tokens       = 8 R C bytes
// plus 150 MiB for the program itself. This is about 1.5x what the official PyTorch code
// needs on the sizes of perf-baseline.md when chunking is off, i.e. on the safe side.
//
// Time: core's matrix-product FLOP count (model/run_estimate.hpp: forwardFlops, counted as in
// perf-baseline.md) divided by 60 GFLOP/s per thread, about half of a core's SGEMM rate,
// which is what the official code reaches end to end.
RunEstimate estimateRun(const ModelConfig& m, int64_t rows, int64_t columns, int threads, bool modelLoaded) {
    const double R = double(std::max<int64_t>(rows, 1)), C = double(std::max<int64_t>(columns, 1));
    const double D = m.embedDim, F = m.ffnDim, H = m.heads, L = m.layers, T = std::max(0.0, C - 1);
    const double params =
        L * (8 * D * D + 2 * D * F + 13 * D + F) + 33 * D + (m.maxPositions + 2) * D + 1024.0 * m.rowEmbeddingWidth;
    const double weights = 4 * params * (modelLoaded ? 1 : 2);
    const double activations = 4 * (8 * R * C * D + 2 * R * C * F + 3 * H * C * R * R + 3 * H * C * C);
    const double outputs = 4 * (L * H * C * C + 2 * L * H * T * T + 2 * T * T) + 8 * R * C;
    RunEstimate e;
    e.bytes = weights + activations + outputs + 150.0 * 1024 * 1024;
    e.gflop = forwardFlops(m, int64_t(R), int64_t(C) - 1) / 1e9;
    e.seconds = e.gflop / (60.0 * std::max(1, threads));
    return e;
}

double availableMemoryBytes() {
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : meminfo.readAll().split('\n'))
        if (line.startsWith("MemAvailable:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() >= 2) return parts[1].toDouble() * 1024;  // kB
        }
    return 0;
}

int64_t maxRowsWithin(const ModelConfig& config, int64_t columns, bool modelLoaded, double budgetBytes) {
    if (estimateRun(config, 1, columns, 1, modelLoaded).bytes > budgetBytes) return 0;
    int64_t lo = 1, hi = 1;
    while (hi < (int64_t(1) << 24) && estimateRun(config, hi * 2, columns, 1, modelLoaded).bytes <= budgetBytes)
        hi *= 2;
    hi *= 2;  // estimate(hi) > budget, estimate(lo) <= budget
    lo = hi / 2;
    while (hi - lo > 1) {
        const int64_t mid = (lo + hi) / 2;
        (estimateRun(config, mid, columns, 1, modelLoaded).bytes <= budgetBytes ? lo : hi) = mid;
    }
    return lo;
}

QString formatBytes(double bytes) {
    const double mib = bytes / (1024.0 * 1024.0);
    if (mib < 1024) return QStringLiteral("%1 MiB").arg(std::max(1.0, mib), 0, 'f', 0);
    return QStringLiteral("%1 GiB").arg(mib / 1024.0, 0, 'f', 1);
}

QString formatSeconds(double s) {
    if (s < 1) return QStringLiteral("< 1 s");
    if (s < 90) return QStringLiteral("%1 s").arg(qRound(s));
    const int total = qRound(s);
    if (total < 3600) return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60);
    return QStringLiteral("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60);
}

QString estimateBasis() {
    return QStringLiteral(
        "rough estimate from a formula (ui/run/run_estimate.cpp), calibrated on the official "
        "PyTorch code; the real run may differ");
}

}  // namespace axs::ui
