#include "coevolution/plm_objective.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "common/error.hpp"

namespace axs::coevolution {

namespace {

// The 21 states are padded to 24 lanes so that every per-state vector is a whole number
// of SIMD registers (and the padding lanes stay 0).
constexpr size_t kPad = 24;
constexpr size_t kQ = kStates;

template <class Real>
using Lanes = Eigen::Array<Real, kPad, 1>;
template <class Real>
using LanesMap = Eigen::Map<Lanes<Real>>;
template <class Real>
using ConstLanesMap = Eigen::Map<const Lanes<Real>>;

int threadCount(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

}  // namespace

template <class Real>
PlmObjective<Real>::PlmObjective(const EncodedMsa& msa, const std::vector<double>& weights,
                                 const PlmObjectiveSettings& settings)
    : settings_(settings) {
    const size_t L = msa.cols;
    if (L < 2) throw Error("pseudo-likelihood needs an alignment with at least 2 columns");
    if (weights.size() != msa.rows) throw Error("pseudo-likelihood: one weight per alignment row is needed");
    if (!(settings.lambdaSingle >= 0.0) || !(settings.lambdaPair >= 0.0))
        throw Error("pseudo-likelihood: regularisation weights must be >= 0");
    layout_.columns = L;

    // Merge identical rows: their terms in F are identical, so their weights simply add.
    std::unordered_map<std::string_view, size_t> seen;  // views into msa.byRow
    seen.reserve(msa.rows * 2);
    for (size_t s = 0; s < msa.rows; ++s) {
        const double w = weights[s];
        if (!(w >= 0.0) || !std::isfinite(w))
            throw Error("pseudo-likelihood: sequence weights must be finite and >= 0");
        if (w == 0.0) continue;
        const std::string_view key(reinterpret_cast<const char*>(&msa.byRow[s * L]), L);
        const auto [it, inserted] = seen.emplace(key, weightsDouble_.size());
        if (inserted) {
            byRow_.insert(byRow_.end(), msa.byRow.begin() + static_cast<std::ptrdiff_t>(s * L),
                          msa.byRow.begin() + static_cast<std::ptrdiff_t>((s + 1) * L));
            weightsDouble_.push_back(w);
        } else {
            weightsDouble_[it->second] += w;
        }
    }
    rows_ = weightsDouble_.size();
    if (rows_ == 0) throw Error("pseudo-likelihood: all sequence weights are 0");
    weights_.assign(weightsDouble_.begin(), weightsDouble_.end());
    if (settings.blockRows < 1 || settings.blockRows > 65535)
        throw Error("pseudo-likelihood: blockRows must be 1..65535");
    blockRows_ = std::min(settings.blockRows, rows_);

    mode_.resize(L);
    for (size_t j = 0; j < L; ++j) {
        size_t count[kQ] = {};
        for (size_t s = 0; s < rows_; ++s) ++count[byRow_[s * L + j]];
        mode_[j] = static_cast<uint8_t>(std::max_element(count, count + kQ) - count);
    }
    rowStart_.assign(1, 0);
    for (size_t s = 0; s < rows_; ++s) {
        for (size_t j = 0; j < L; ++j)
            if (byRow_[s * L + j] != mode_[j]) entries_.push_back(static_cast<uint32_t>(j * kQ + byRow_[s * L + j]));
        rowStart_.push_back(entries_.size());
    }

    const size_t blocks = (rows_ + blockRows_ - 1) / blockRows_;
    order_.resize(rows_ * L);
    bucketStart_.resize(blocks * L * (kQ + 1));
    for (size_t blk = 0; blk < blocks; ++blk) {
        const size_t begin = blk * blockRows_, len = std::min(rows_, begin + blockRows_) - begin;
        for (size_t j = 0; j < L; ++j) {
            uint32_t* start = &bucketStart_[(blk * L + j) * (kQ + 1)];
            uint16_t* order = &order_[begin * L + j * len];
            uint32_t count[kQ] = {};
            for (size_t t = 0; t < len; ++t) ++count[byRow_[(begin + t) * L + j]];
            start[0] = 0;
            for (size_t b = 0; b < kQ; ++b) start[b + 1] = start[b] + count[b];
            uint32_t fill[kQ];
            std::copy(start, start + kQ, fill);
            for (size_t t = 0; t < len; ++t) order[fill[byRow_[(begin + t) * L + j]]++] = static_cast<uint16_t>(t);
        }
    }
    blockLocks_ = std::make_unique<std::mutex[]>(layout_.pairCount());
    blockWritten_.assign(layout_.pairCount(), 0);
}

template <class Real>
typename PlmObjective<Real>::Vector PlmObjective<Real>::initialPoint() const {
    const size_t L = layout_.columns;
    Vector x = Vector::Zero(static_cast<Eigen::Index>(layout_.size()));
    // Unweighted counts of the original rows are not kept; merged rows count once each,
    // which only changes where the optimiser starts, not where it ends.
    for (size_t i = 0; i < L; ++i) {
        double counts[kQ];
        std::fill(counts, counts + kQ, 1.0);
        for (size_t s = 0; s < rows_; ++s) counts[byRow_[s * L + i]] += 1.0;
        for (size_t a = 0; a < PottsLayout::kFieldStates; ++a)
            x[static_cast<Eigen::Index>(layout_.field(i, a))] =
                static_cast<Real>(std::log(counts[a] / counts[kGapState]));
    }
    return x;
}

template <class Real>
double PlmObjective<Real>::processColumn(size_t c, const Real* x, Real* grad, double* fieldGrad, Real* slices,
                                         Real* sums, Real* residual) {
    const size_t L = layout_.columns;
    // slices[(j * 21 + b) * kPad + a] = J_cj(a, b): the energies over the states a of column c
    // that state b at column j contributes. The slice of j = c is zero.
    for (size_t j = 0; j < L; ++j) {
        Real* m = slices + j * kQ * kPad;
        if (j == c) {
            std::fill(m, m + kQ * kPad, Real(0));
        } else if (c < j) {
            const Real* blk = x + layout_.block(c, j);
            for (size_t b = 0; b < kQ; ++b) {
                for (size_t a = 0; a < kQ; ++a) m[b * kPad + a] = blk[a * kQ + b];
                for (size_t a = kQ; a < kPad; ++a) m[b * kPad + a] = Real(0);
            }
        } else {
            const Real* blk = x + layout_.block(j, c);
            for (size_t b = 0; b < kQ; ++b) {
                for (size_t a = 0; a < kQ; ++a) m[b * kPad + a] = blk[b * kQ + a];
                for (size_t a = kQ; a < kPad; ++a) m[b * kPad + a] = Real(0);
            }
        }
    }
    // Energies relative to all columns at their modes: base = h_c + sum_j J_cj(., mode_j), and
    // each slice becomes the difference to its mode's row (so the mode's row is zero).
    Lanes<Real> base = Lanes<Real>::Zero();
    for (size_t a = 0; a < PottsLayout::kFieldStates; ++a) base[static_cast<Eigen::Index>(a)] = x[layout_.field(c, a)];
    for (size_t j = 0; j < L; ++j) {
        const Lanes<Real> atMode = ConstLanesMap<Real>(slices + (j * kQ + mode_[j]) * kPad);
        base += atMode;
        for (size_t b = 0; b < kQ; ++b) LanesMap<Real>(slices + (j * kQ + b) * kPad) -= atMode;
    }
    // sums[(k * 21 + b) * kPad + a] = sum over rows s with x_sk = b of r_sc(a), where
    // r_sc(a) = w_s (P(x_sc = a | rest) - [x_sc = a]): dF/dJ_ck(a, b) from column c's terms.
    std::fill(sums, sums + L * kQ * kPad, Real(0));

    double fx = 0.0;
    double gradField[PottsLayout::kFieldStates] = {};
    for (size_t blk = 0, begin = 0; begin < rows_; ++blk, begin += blockRows_) {
        const size_t len = std::min(rows_, begin + blockRows_) - begin;
        Lanes<Real> blockTotal = Lanes<Real>::Zero();
        for (size_t t = 0; t < len; ++t) {
            const size_t s = begin + t;
            // Two accumulators halve the chain of dependent additions.
            Lanes<Real> even = base, odd = Lanes<Real>::Zero();
            const uint32_t* e = entries_.data() + rowStart_[s];
            const uint32_t* eEnd = entries_.data() + rowStart_[s + 1];
            for (; e + 1 < eEnd; e += 2) {
                even += ConstLanesMap<Real>(slices + size_t{e[0]} * kPad);
                odd += ConstLanesMap<Real>(slices + size_t{e[1]} * kPad);
            }
            if (e < eEnd) even += ConstLanesMap<Real>(slices + size_t{e[0]} * kPad);
            const Lanes<Real> energy = even + odd;
            const uint8_t* row = &byRow_[s * L];

            const Real top = energy.template head<kQ>().maxCoeff();
            Lanes<Real> p = (energy - top).exp();
            p.template tail<kPad - kQ>().setZero();
            const Real z = p.sum();
            const size_t xs = row[c];
            fx += weightsDouble_[s] * (static_cast<double>(top) + std::log(static_cast<double>(z)) -
                                       static_cast<double>(energy[static_cast<Eigen::Index>(xs)]));
            const Real w = weights_[s];
            LanesMap<Real> r(residual + t * kPad);
            r = p * (w / z);
            r[static_cast<Eigen::Index>(xs)] -= w;
            blockTotal += r;
            for (size_t a = 0; a < PottsLayout::kFieldStates; ++a)
                gradField[a] += static_cast<double>(r[static_cast<Eigen::Index>(a)]);
        }
        // The block's residuals are in L1 now: add them, grouped by the state of every other
        // column, into that column's sums (summing in registers within a state).
        for (size_t k = 0; k < L; ++k) {
            if (k == c) continue;
            const uint32_t* start = &bucketStart_[(blk * L + k) * (kQ + 1)];
            const uint16_t* order = &order_[begin * L + k * len];
            Real* out = sums + k * kQ * kPad;
            Lanes<Real> others = Lanes<Real>::Zero();
            for (size_t b = 0; b < kQ; ++b) {
                if (start[b] == start[b + 1] || b == mode_[k]) continue;
                Lanes<Real> even = Lanes<Real>::Zero(), odd = Lanes<Real>::Zero();
                uint32_t t = start[b];
                for (; t + 1 < start[b + 1]; t += 2) {
                    even += ConstLanesMap<Real>(residual + size_t{order[t]} * kPad);
                    odd += ConstLanesMap<Real>(residual + size_t{order[t + 1]} * kPad);
                }
                if (t < start[b + 1]) even += ConstLanesMap<Real>(residual + size_t{order[t]} * kPad);
                const Lanes<Real> sum = even + odd;
                LanesMap<Real>(out + b * kPad) += sum;
                others += sum;
            }
            LanesMap<Real>(out + mode_[k] * kPad) += blockTotal - others;
        }
    }
    for (size_t a = 0; a < PottsLayout::kFieldStates; ++a) fieldGrad[a] = gradField[a];

    // Each block (i, j) gets one half from column i and one from column j, possibly from two
    // threads at once: a lock per block, and the first writer assigns (no clearing pass).
    for (size_t k = 0; k < L; ++k) {
        if (k == c) continue;
        const Real* sk = sums + k * kQ * kPad;
        const size_t pair = c < k ? layout_.pairIndex(c, k) : layout_.pairIndex(k, c);
        Real* g = grad + layout_.fieldCount() + pair * PottsLayout::kBlockSize;
        const std::lock_guard<std::mutex> lock(blockLocks_[pair]);
        const bool first = !blockWritten_[pair];
        blockWritten_[pair] = 1;
        for (size_t a = 0; a < kQ; ++a) {      // state at column c
            for (size_t b = 0; b < kQ; ++b) {  // state at column k
                const size_t at = c < k ? a * kQ + b : b * kQ + a;
                g[at] = first ? sk[b * kPad + a] : g[at] + sk[b * kPad + a];
            }
        }
    }
    return fx;
}

template <class Real>
double PlmObjective<Real>::evaluate(const Real* x, Real* grad) {
    const size_t L = layout_.columns;
    const size_t n = layout_.size();
    const size_t nFields = layout_.fieldCount();
    const int threads = threadCount(settings_.threads);
    std::vector<double> fieldGrad(nFields, 0.0);
    const auto columns = static_cast<int64_t>(L);

    // Every gradient entry is first assigned, then accumulated, so no clearing pass.
    std::fill(blockWritten_.begin(), blockWritten_.end(), uint8_t{0});
    double fx = 0.0;
    bool cancelled = false;
#pragma omp parallel num_threads(threads)
    {
        std::vector<Real> slices(L * kQ * kPad), sums(L * kQ * kPad), residual(blockRows_ * kPad);
#pragma omp for schedule(dynamic, 1) reduction(+ : fx)
        for (int64_t c = 0; c < columns; ++c) {
            // Cancellation cannot throw inside the parallel region; skip the rest and throw after.
            if (progress_ && progress_->cancelled()) {
#pragma omp atomic write
                cancelled = true;
                continue;
            }
            fx += processColumn(static_cast<size_t>(c), x, grad,
                                &fieldGrad[static_cast<size_t>(c) * PottsLayout::kFieldStates], slices.data(),
                                sums.data(), residual.data());
        }
    }
    if (cancelled) throw Cancelled();

    const double lambdaSingle = settings_.lambdaSingle, lambdaPair = settings_.lambdaPair;
    double reg = 0.0;
    const auto total = static_cast<int64_t>(n);
#pragma omp parallel for schedule(static) reduction(+ : reg) num_threads(threads)
    for (int64_t k = 0; k < total; ++k) {
        const double v = static_cast<double>(x[k]);
        if (static_cast<size_t>(k) < nFields) {
            reg += lambdaSingle * v * v;
            grad[k] = static_cast<Real>(fieldGrad[static_cast<size_t>(k)] + 2.0 * lambdaSingle * v);
        } else {
            reg += lambdaPair * v * v;
            grad[k] += static_cast<Real>(2.0 * lambdaPair * v);
        }
    }
    ++evaluations_;
    return fx + reg;
}

template class PlmObjective<float>;
template class PlmObjective<double>;

}  // namespace axs::coevolution
