#include "coevolution/plm_objective.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
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
    std::unordered_map<std::string_view, size_t> seen;
    seen.reserve(msa.rows * 2);
    for (size_t s = 0; s < msa.rows; ++s) {
        const double w = weights[s];
        if (!(w >= 0.0) || !std::isfinite(w)) throw Error("pseudo-likelihood: sequence weights must be finite and >= 0");
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
    byColumn_.resize(rows_ * L);
    for (size_t s = 0; s < rows_; ++s)
        for (size_t i = 0; i < L; ++i) byColumn_[i * rows_ + s] = byRow_[s * L + i];

    pairI_.reserve(layout_.pairCount());
    pairJ_.reserve(layout_.pairCount());
    for (size_t i = 0; i < L; ++i)
        for (size_t j = i + 1; j < L; ++j) {
            pairI_.push_back(static_cast<uint32_t>(i));
            pairJ_.push_back(static_cast<uint32_t>(j));
        }

    // Chunks of at most 1024 rows also bound the float accumulation length of the pair
    // gradient sums (see pairGradient).
    const size_t bytesPerRow = L * kPad * sizeof(Real);
    chunkRows_ = std::clamp<size_t>(settings.chunkBytes / bytesPerRow, 64, 1024);
    chunkRows_ = std::min(chunkRows_, rows_);
    residual_.assign(L * chunkRows_ * kPad, Real(0));
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
        for (size_t s = 0; s < rows_; ++s) counts[byColumn_[i * rows_ + s]] += 1.0;
        for (size_t a = 0; a < PottsLayout::kFieldStates; ++a)
            x[static_cast<Eigen::Index>(layout_.field(i, a))] = static_cast<Real>(std::log(counts[a] / counts[kGapState]));
    }
    return x;
}

template <class Real>
void PlmObjective<Real>::forwardColumn(size_t i, size_t rowBegin, size_t rowEnd, const Real* x, Real* work, double& fx,
                                       double* fieldGrad) {
    const size_t L = layout_.columns;
    // work[(j * 21 + b) * kPad + a] = J_ij(a, b): the energy vector over the states a of
    // column i that state b at column j contributes.
    for (size_t j = 0; j < L; ++j) {
        if (j == i) continue;
        Real* m = work + j * kQ * kPad;
        if (i < j) {
            const Real* blk = x + layout_.block(i, j);
            for (size_t b = 0; b < kQ; ++b) {
                for (size_t a = 0; a < kQ; ++a) m[b * kPad + a] = blk[a * kQ + b];
                for (size_t a = kQ; a < kPad; ++a) m[b * kPad + a] = Real(0);
            }
        } else {
            const Real* blk = x + layout_.block(j, i);
            for (size_t b = 0; b < kQ; ++b) {
                for (size_t a = 0; a < kQ; ++a) m[b * kPad + a] = blk[b * kQ + a];
                for (size_t a = kQ; a < kPad; ++a) m[b * kPad + a] = Real(0);
            }
        }
    }
    Lanes<Real> field = Lanes<Real>::Zero();
    for (size_t a = 0; a < PottsLayout::kFieldStates; ++a) field[static_cast<Eigen::Index>(a)] = x[layout_.field(i, a)];

    Real* residual = residual_.data() + i * chunkRows_ * kPad;
    double fxLocal = 0.0;
    double grad[PottsLayout::kFieldStates] = {};
    for (size_t s = rowBegin; s < rowEnd; ++s) {
        const uint8_t* row = &byRow_[s * L];
        Lanes<Real> energy = field;
        for (size_t j = 0; j < i; ++j) energy += ConstLanesMap<Real>(work + (j * kQ + row[j]) * kPad);
        for (size_t j = i + 1; j < L; ++j) energy += ConstLanesMap<Real>(work + (j * kQ + row[j]) * kPad);

        const Real top = energy.template head<kQ>().maxCoeff();
        Lanes<Real> p = (energy - top).exp();
        p.template tail<kPad - kQ>().setZero();
        const Real z = p.sum();
        const size_t xs = row[i];
        fxLocal += weightsDouble_[s] * (static_cast<double>(top) + std::log(static_cast<double>(z)) -
                                        static_cast<double>(energy[static_cast<Eigen::Index>(xs)]));
        const Real w = weights_[s];
        LanesMap<Real> r(residual + (s - rowBegin) * kPad);
        r = p * (w / z);
        r[static_cast<Eigen::Index>(xs)] -= w;
        for (size_t a = 0; a < PottsLayout::kFieldStates; ++a) grad[a] += static_cast<double>(r[static_cast<Eigen::Index>(a)]);
    }
    fx += fxLocal;
    for (size_t a = 0; a < PottsLayout::kFieldStates; ++a) fieldGrad[a] += grad[a];
}

template <class Real>
void PlmObjective<Real>::pairGradient(size_t i, size_t j, size_t rowBegin, size_t rowEnd, Real* grad) const {
    // fromI[b] = sum_s [x_sj = b] r_si (over states a of i); fromJ[a] = sum_s [x_si = a] r_sj.
    Lanes<Real> fromI[kQ], fromJ[kQ];
    for (size_t a = 0; a < kQ; ++a) {
        fromI[a].setZero();
        fromJ[a].setZero();
    }
    const Real* ri = residual_.data() + i * chunkRows_ * kPad;
    const Real* rj = residual_.data() + j * chunkRows_ * kPad;
    const uint8_t* xi = &byColumn_[i * rows_];
    const uint8_t* xj = &byColumn_[j * rows_];
    for (size_t s = rowBegin; s < rowEnd; ++s) {
        const size_t t = s - rowBegin;
        fromI[xj[s]] += ConstLanesMap<Real>(ri + t * kPad);
        fromJ[xi[s]] += ConstLanesMap<Real>(rj + t * kPad);
    }
    Real* g = grad + layout_.block(i, j);
    for (size_t a = 0; a < kQ; ++a)
        for (size_t b = 0; b < kQ; ++b)
            g[a * kQ + b] += fromI[b][static_cast<Eigen::Index>(a)] + fromJ[a][static_cast<Eigen::Index>(b)];
}

template <class Real>
double PlmObjective<Real>::evaluate(const Real* x, Real* grad) {
    const size_t L = layout_.columns;
    const size_t n = layout_.size();
    const size_t nFields = layout_.fieldCount();
    const int threads = threadCount(settings_.threads);
    std::fill(grad, grad + n, Real(0));
    std::vector<double> fieldGrad(nFields, 0.0);
    const auto columns = static_cast<int64_t>(L);
    const auto pairs = static_cast<int64_t>(pairI_.size());

    double fx = 0.0;
    for (size_t begin = 0; begin < rows_; begin += chunkRows_) {
        if (progress_) progress_->throwIfCancelled();
        const size_t end = std::min(rows_, begin + chunkRows_);
        double chunkFx = 0.0;
#pragma omp parallel num_threads(threads)
        {
            std::vector<Real> work(L * kQ * kPad);
#pragma omp for schedule(dynamic, 1) reduction(+ : chunkFx)
            for (int64_t i = 0; i < columns; ++i)
                forwardColumn(static_cast<size_t>(i), begin, end, x, work.data(), chunkFx,
                              &fieldGrad[static_cast<size_t>(i) * PottsLayout::kFieldStates]);
#pragma omp for schedule(dynamic, 16)
            for (int64_t p = 0; p < pairs; ++p)
                pairGradient(pairI_[static_cast<size_t>(p)], pairJ_[static_cast<size_t>(p)], begin, end, grad);
        }
        fx += chunkFx;
    }

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
