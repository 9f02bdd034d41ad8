// Progress reporting and cooperative cancellation for long jobs (model, coevolution).
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "common/error.hpp"

namespace axs {

/// Passed by reference into long computations. Both members are optional.
/// The callback runs on the computing thread; a GUI must marshal it itself.
struct Progress {
    /// fraction in [0, 1]; stage is a short human label ("layer 3/12").
    std::function<void(double fraction, const std::string& stage)> report;
    /// Not owned. When it becomes true the computation throws axs::Cancelled at the
    /// next check (at least once per layer / chunk, well within a second).
    const std::atomic<bool>* cancel = nullptr;

    void update(double fraction, const std::string& stage) const {
        if (report) report(fraction, stage);
    }
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void throwIfCancelled() const {
        if (cancelled()) throw Cancelled();
    }
};

}  // namespace axs
