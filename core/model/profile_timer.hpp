// The timers behind ForwardProfile: a scope timer per operation, recording into the profile
// the forward pass installed on this thread (none: the timer does nothing but one load).
#pragma once

#include <chrono>

#include "model/forward_profile.hpp"

namespace axs::kernels {

/// Installs `profile` (may be nullptr) as the calling thread's target for OpTimer for the
/// lifetime of this object, and adds the forward's total wall time when it ends.
class ProfileSession {
public:
    explicit ProfileSession(ForwardProfile* profile);
    ~ProfileSession();
    ProfileSession(const ProfileSession&) = delete;
    ProfileSession& operator=(const ProfileSession&) = delete;

private:
    ForwardProfile* previous_;
    std::chrono::steady_clock::time_point start_;
    double cpuStart_ = 0.0;
};

/// Times one operation of `kind` doing `flops` counted FLOPs. Exclusive: an OpTimer opened
/// inside another takes its seconds out of the outer one.
class OpTimer {
public:
    explicit OpTimer(OpKind kind, double flops = 0.0);
    ~OpTimer();
    OpTimer(const OpTimer&) = delete;
    OpTimer& operator=(const OpTimer&) = delete;

private:
    ForwardProfile* profile_;
    OpTimer* parent_ = nullptr;
    OpKind kind_;
    double flops_;
    double childSeconds_ = 0.0, childCpuSeconds_ = 0.0;
    double cpuStart_ = 0.0;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace axs::kernels
