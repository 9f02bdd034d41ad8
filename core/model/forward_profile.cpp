#include "model/forward_profile.hpp"

#include <time.h>

#include "model/profile_timer.hpp"

namespace axs {

const char* opKindName(OpKind kind) {
    switch (kind) {
        case OpKind::Projections:
            return "attention projections";
        case OpKind::FeedForward:
            return "FFN products";
        case OpKind::RowProducts:
            return "row-attention products";
        case OpKind::ColumnProducts:
            return "column-attention products";
        case OpKind::ColumnSoftmax:
            return "column softmax + capture";
        case OpKind::Softmax:
            return "row softmax + mask";
        case OpKind::LayerNorm:
            return "LayerNorm";
        case OpKind::Gelu:
            return "GELU";
        case OpKind::Copies:
            return "copies";
        case OpKind::Conversions:
            return "bf16 conversions";
        case OpKind::WeightPreparation:
            return "weight preparation";
        case OpKind::Outputs:
            return "output allocation";
        case OpKind::Embedding:
            return "embedding";
        case OpKind::LmHead:
            return "LM head";
        case OpKind::Contacts:
            return "contact head";
        case OpKind::Count:
            break;
    }
    return "?";
}

double ForwardProfile::timedSeconds() const {
    double s = 0.0;
    for (double v : seconds) s += v;
    return s;
}

double ForwardProfile::timedCpuSeconds() const {
    double s = 0.0;
    for (double v : cpuSeconds) s += v;
    return s;
}

void ForwardProfile::add(const ForwardProfile& other) {
    for (size_t i = 0; i < kOpKinds; ++i) {
        seconds[i] += other.seconds[i];
        cpuSeconds[i] += other.cpuSeconds[i];
        flops[i] += other.flops[i];
        calls[i] += other.calls[i];
    }
    totalSeconds += other.totalSeconds;
    totalCpuSeconds += other.totalCpuSeconds;
    forwards += other.forwards;
}

namespace kernels {

namespace {
thread_local ForwardProfile* tlsProfile = nullptr;
thread_local OpTimer* tlsCurrent = nullptr;

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double processCpu() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
}  // namespace

ProfileSession::ProfileSession(ForwardProfile* profile) : previous_(tlsProfile) {
    tlsProfile = profile;
    if (profile) {
        start_ = std::chrono::steady_clock::now();
        cpuStart_ = processCpu();
    }
}

ProfileSession::~ProfileSession() {
    if (tlsProfile) {
        tlsProfile->totalSeconds += since(start_);
        tlsProfile->totalCpuSeconds += processCpu() - cpuStart_;
        tlsProfile->forwards += 1;
    }
    tlsProfile = previous_;
}

OpTimer::OpTimer(OpKind kind, double flops) : profile_(tlsProfile), kind_(kind), flops_(flops) {
    if (!profile_) return;
    parent_ = tlsCurrent;
    tlsCurrent = this;
    start_ = std::chrono::steady_clock::now();
    cpuStart_ = processCpu();
}

OpTimer::~OpTimer() {
    if (!profile_) return;
    const double elapsed = since(start_), cpu = processCpu() - cpuStart_;
    const auto k = static_cast<size_t>(kind_);
    profile_->seconds[k] += elapsed - childSeconds_;
    profile_->cpuSeconds[k] += cpu - childCpuSeconds_;
    profile_->flops[k] += flops_;
    profile_->calls[k] += 1;
    if (parent_) {
        parent_->childSeconds_ += elapsed;
        parent_->childCpuSeconds_ += cpu;
    }
    tlsCurrent = parent_;
}

}  // namespace kernels

}  // namespace axs
