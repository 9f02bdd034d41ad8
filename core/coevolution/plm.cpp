#include "coevolution/plm.hpp"

#include <LBFGS.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

#include "coevolution/apc.hpp"
#include "coevolution/coupling_scores.hpp"
#include "coevolution/plm_objective.hpp"
#include "coevolution/reweighting.hpp"
#include "common/error.hpp"

namespace axs::coevolution {

namespace {

/// Thrown (and caught in fit()) when the line search cannot make progress any more,
/// typically because float rounding hides the remaining decrease. x is then the last
/// accepted point.
struct LineSearchStalled : std::exception {};

/// The objective as LBFGS++ sees it, plus a hook called once per finished iteration.
template <class Real>
class Problem {
public:
    using Vector = typename PlmObjective<Real>::Vector;

    Problem(PlmObjective<Real>& objective, const Progress& progress, int maxIterations)
        : objective_(objective), progress_(progress), maxIterations_(maxIterations) {}

    Real operator()(const Vector& x, Vector& grad) {
        const auto t0 = std::chrono::steady_clock::now();
        const Real fx = objective_(x, grad);
        seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return fx;
    }

    void iterationDone(Real fx) {
        ++iterations_;
        char stage[96];
        std::snprintf(stage, sizeof stage, "plm iteration %d (at most %d), objective %.6g", iterations_, maxIterations_,
                      static_cast<double>(fx));
        progress_.update(std::min(1.0, static_cast<double>(iterations_) / maxIterations_), stage);
        progress_.throwIfCancelled();
    }
    int iterations() const { return iterations_; }
    double seconds() const { return seconds_; }

private:
    PlmObjective<Real>& objective_;
    const Progress& progress_;
    int maxIterations_;
    int iterations_ = 0;
    double seconds_ = 0.0;
};

/// LBFGS++'s backtracking line search (Wolfe conditions) that reports each finished
/// iteration and turns "cannot find a lower point" into LineSearchStalled at the last
/// accepted point instead of leaving x at a rejected trial point.
template <class Scalar>
class ReportingLineSearch {
public:
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    template <class Foo>
    static void LineSearch(Foo& f, Scalar& fx, Vector& x, Vector& grad, Scalar& step, const Vector& drt,
                           const Vector& xp, const LBFGSpp::LBFGSParam<Scalar>& param) {
        try {
            LBFGSpp::LineSearchBacktracking<Scalar>::LineSearch(f, fx, x, grad, step, drt, xp, param);
        } catch (const Error&) {
            throw;  // cancellation or a real error from the objective
        } catch (const std::exception&) {
            x = xp;
            fx = f(x, grad);
            throw LineSearchStalled();
        }
        f.iterationDone(fx);
    }
};

void validate(const PlmOptions& o) {
    if (!(o.identityThreshold > 0.0 && o.identityThreshold <= 1.0))
        throw Error("plm: identity threshold must be in (0, 1]");
    if (!(o.lambdaSingle >= 0.0) || !(o.lambdaPairFactor >= 0.0)) throw Error("plm: regularisation must be >= 0");
    if (o.maxIterations < 1) throw Error("plm: at least one iteration is needed");
    if (o.history < 1) throw Error("plm: L-BFGS history must be >= 1");
    if (!(o.relativeDecrease >= 0.0) || o.past < 1) throw Error("plm: invalid convergence criterion");
}

template <class Real>
struct Fitted {
    typename PlmObjective<Real>::Vector x;
    PottsLayout layout;
    size_t uniqueRows = 0;
    int iterations = 0;
    int evaluations = 0;
    double objective = 0.0;
    std::string stopReason;
    double objectiveSeconds = 0.0;
};

template <class Real>
Fitted<Real> fit(const EncodedMsa& msa, const std::vector<double>& weights, const PlmOptions& options,
                 const Progress& progress) {
    validate(options);
    PlmObjectiveSettings settings;
    settings.lambdaSingle = options.lambdaSingle;
    settings.lambdaPair = options.lambdaPairFactor * static_cast<double>(msa.cols - 1);
    settings.threads = options.threads;
    PlmObjective<Real> objective(msa, weights, settings);
    objective.setProgress(&progress);

    LBFGSpp::LBFGSParam<Real> param;
    param.m = options.history;
    param.max_iterations = options.maxIterations;
    param.past = options.past;
    param.delta = static_cast<Real>(options.relativeDecrease);
    param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_WOLFE;
    param.max_linesearch = 20;

    Fitted<Real> out;
    out.layout = objective.layout();
    out.uniqueRows = objective.uniqueRows();
    out.x = objective.initialPoint();
    Problem<Real> problem(objective, progress, options.maxIterations);
    Real fx = 0;
    try {
        LBFGSpp::LBFGSSolver<Real, ReportingLineSearch> solver(param);
        const int k = solver.minimize(problem, out.x, fx);
        out.stopReason = k >= options.maxIterations ? "iteration limit" : "converged";
        out.objective = static_cast<double>(fx);
    } catch (const LineSearchStalled&) {
        out.stopReason = "line search stalled";
        // x holds the last accepted point; its value was recomputed by the line search.
        typename PlmObjective<Real>::Vector grad(out.x.size());
        out.objective = objective.evaluate(out.x.data(), grad.data());
    }
    out.iterations = problem.iterations();
    out.objectiveSeconds = problem.seconds();
    out.evaluations = static_cast<int>(objective.evaluations());
    return out;
}

template <class Real>
PlmResult scoreFit(const Fitted<Real>& fitted) {
    PlmResult r;
    r.rawScores = couplingScores(fitted.layout, fitted.x.data());
    r.scores = averageProductCorrection(r.rawScores);
    r.uniqueRows = fitted.uniqueRows;
    r.iterations = fitted.iterations;
    r.evaluations = fitted.evaluations;
    r.objective = fitted.objective;
    r.stopReason = fitted.stopReason;
    r.objectiveSeconds = fitted.objectiveSeconds;
    return r;
}

}  // namespace

PlmResult runPlm(const EncodedMsa& msa, const PlmOptions& options, const Progress& progress) {
    validate(options);
    progress.update(0.0, "plm: sequence weights");
    std::vector<double> weights = sequenceWeights(msa, options.identityThreshold, options.threads);
    progress.throwIfCancelled();
    PlmResult r = options.precision == PlmPrecision::Float ? scoreFit(fit<float>(msa, weights, options, progress))
                                                           : scoreFit(fit<double>(msa, weights, options, progress));
    r.beff = effectiveSequences(weights);
    r.weights = std::move(weights);
    progress.update(1.0, "plm: done (" + r.stopReason + ")");
    return r;
}

PlmFit fitPlm(const EncodedMsa& msa, const std::vector<double>& weights, const PlmOptions& options,
              const Progress& progress) {
    PlmFit out;
    auto copy = [&](const auto& f) {
        out.parameters = f.x.template cast<double>();
        out.iterations = f.iterations;
        out.evaluations = f.evaluations;
        out.objective = f.objective;
        out.stopReason = f.stopReason;
    };
    if (options.precision == PlmPrecision::Float)
        copy(fit<float>(msa, weights, options, progress));
    else
        copy(fit<double>(msa, weights, options, progress));
    return out;
}

}  // namespace axs::coevolution
