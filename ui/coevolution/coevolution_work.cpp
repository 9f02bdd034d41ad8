#include "coevolution/coevolution_work.hpp"

#include <chrono>

#include "coevolution/apc.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/plm.hpp"
#include "coevolution/reweighting.hpp"
#include "coevolution/score_tensor.hpp"
#include "common/error.hpp"

namespace axs::ui {

QString coevolutionLabel(CoevolutionMethod method) {
    return method == CoevolutionMethod::Plm ? QStringLiteral("plmDCA (coevolution)")
                                            : QStringLiteral("MI (coevolution)");
}

CoevolutionResultPtr computeCoevolution(std::shared_ptr<const Msa> msa, CoevolutionMethod method, int threads,
                                        const Progress& progress) {
    if (!msa) throw Error("no alignment is open");
    const auto t0 = std::chrono::steady_clock::now();
    auto result = std::make_shared<CoevolutionResult>();
    result->method = method;
    result->msa = msa;
    result->label = coevolutionLabel(method);
    progress.update(0.0, "encoding the alignment");
    const coevolution::EncodedMsa encoded = coevolution::encodeMsa(*msa);
    progress.throwIfCancelled();
    if (method == CoevolutionMethod::Plm) {
        coevolution::PlmOptions options;
        options.threads = threads;
        const coevolution::PlmResult r = coevolution::runPlm(encoded, options, progress);
        result->scores = coevolution::scoreTensor<double>(r.scores);
        result->summary = QStringLiteral("Beff %1, %2 iterations (%3)")
                              .arg(r.beff, 0, 'f', 1)
                              .arg(r.iterations)
                              .arg(QString::fromStdString(r.stopReason));
    } else {
        // The MI path of cmd_coevolution.cpp: 80 % identity reweighting, MI, APC.
        progress.update(0.1, "reweighting sequences");
        const std::vector<double> w = coevolution::sequenceWeights(encoded, 0.8, threads);
        progress.throwIfCancelled();
        progress.update(0.5, "mutual information");
        coevolution::MiOptions options;
        options.threads = threads;
        const Eigen::MatrixXd mi = coevolution::mutualInformation(encoded, w, options);
        progress.throwIfCancelled();
        result->scores = coevolution::scoreTensor<double>(coevolution::averageProductCorrection(mi));
        result->summary = QStringLiteral("Beff %1").arg(coevolution::effectiveSequences(w), 0, 'f', 1);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result->summary += QStringLiteral(", %1 s").arg(seconds, 0, 'f', 1);
    progress.update(1.0, "done");
    return result;
}

}  // namespace axs::ui
