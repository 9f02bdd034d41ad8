#include "run/run_estimate.hpp"

#include <QFile>
#include <algorithm>

#include "model/run_estimate.hpp"
#include "workflow/model_run.hpp"

namespace axs::ui {

namespace {

/// Besides the two copies of the weights while a checkpoint is converted: libzip, the
/// unpickler's records and the allocator's slack.
constexpr double kLoadOverheadBytes = 64.0 * 1024 * 1024;

}  // namespace

RunEstimate workbenchRunCost(const ModelConfig& m, int64_t rows, int64_t width, int threads, ModelState model) {
    const ForwardOptions options = workbenchForwardOptions(m.hasContactHead, threads);
    const axs::RunEstimate plan = axs::estimateRun(m, static_cast<int>(std::max<int64_t>(rows, 1)),
                                                   static_cast<int>(std::max<int64_t>(width, 0)), options);
    RunEstimate e;
    e.bytes = static_cast<double>(plan.bytes);
    // Converting a checkpoint holds its tensors (float32 in the released files) next to the
    // model's copy; that peak passes before the forward pass allocates anything.
    if (model == ModelState::ToConvert)
        e.bytes = std::max(e.bytes, 2.0 * static_cast<double>(plan.modelBytes) + kLoadOverheadBytes);
    e.additionalBytes = model == ModelState::Loaded ? e.bytes - static_cast<double>(plan.modelBytes) : e.bytes;
    e.seconds = plan.seconds;
    e.gflop = plan.gflop;
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

int64_t maxRowsWithin(const ModelConfig& config, int64_t width, int threads, ModelState model, double budgetBytes) {
    const auto fits = [&](int64_t rows) {
        return workbenchRunCost(config, rows, width, threads, model).additionalBytes <= budgetBytes;
    };
    const int64_t cap = config.maxRows() > 0 ? config.maxRows() : int64_t{1} << 24;
    if (!fits(1)) return 0;
    if (fits(cap)) return cap;
    int64_t lo = 1, hi = cap;  // fits(lo), !fits(hi)
    while (hi - lo > 1) {
        const int64_t mid = (lo + hi) / 2;
        (fits(mid) ? lo : hi) = mid;
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
    return QStringLiteral("memory: the run's own buffer plan; time: from a matrix product timed on this machine");
}

}  // namespace axs::ui
