#include "workflow/coevolution_run.hpp"

#include <chrono>
#include <cstdio>

#include "coevolution/apc.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/plm.hpp"
#include "coevolution/reweighting.hpp"
#include "coevolution/score_tensor.hpp"
#include "common/error.hpp"

namespace axs {

std::string coevolutionMethodId(CoevolutionMethod method) { return method == CoevolutionMethod::Plm ? "plm" : "mi"; }

CoevolutionMethod parseCoevolutionMethod(const std::string& id, const std::string& what) {
    if (id == "plm") return CoevolutionMethod::Plm;
    if (id == "mi") return CoevolutionMethod::Mi;
    throw Error(what + " must be 'plm' or 'mi', got '" + id + "'");
}

std::string coevolutionLabel(CoevolutionMethod method) {
    return method == CoevolutionMethod::Plm ? "plmDCA (coevolution)" : "MI (coevolution)";
}

CoevolutionRun runCoevolution(const Msa& msa, CoevolutionMethod method, int threads, const Progress& progress) {
    if (msa.depth() == 0) throw Error("no alignment to compute coevolution on");
    const auto t0 = std::chrono::steady_clock::now();
    CoevolutionRun run;
    run.method = method;
    run.query = msa.query();
    run.sourcePath = msa.sourcePath;
    progress.update(0.0, "encoding the alignment");
    const coevolution::EncodedMsa encoded = coevolution::encodeMsa(msa);
    progress.throwIfCancelled();
    char buf[200];
    if (method == CoevolutionMethod::Plm) {
        coevolution::PlmOptions options;
        options.threads = threads;
        const coevolution::PlmResult r = coevolution::runPlm(encoded, options, progress);
        run.scores = coevolution::scoreTensor<float>(r.scores);
        std::snprintf(buf, sizeof buf, "Beff %.1f, %d iterations (%s)", r.beff, r.iterations, r.stopReason.c_str());
    } else {
        progress.update(0.1, "reweighting sequences");
        const std::vector<double> w = coevolution::sequenceWeights(encoded, 0.8, threads);
        progress.throwIfCancelled();
        progress.update(0.5, "mutual information");
        coevolution::MiOptions options;
        options.threads = threads;
        const Eigen::MatrixXd mi = coevolution::mutualInformation(encoded, w, options);
        progress.throwIfCancelled();
        run.scores = coevolution::scoreTensor<float>(coevolution::averageProductCorrection(mi));
        std::snprintf(buf, sizeof buf, "Beff %.1f", coevolution::effectiveSequences(w));
    }
    run.summary = buf;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress.update(1.0, "done");
    return run;
}

}  // namespace axs
