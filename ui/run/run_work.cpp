#include "run/run_work.hpp"

#include "common/error.hpp"
#include "workflow/model_run.hpp"

namespace axs::ui {

Job::Work makeRunWork(RunRequest request) {
    return [request = std::move(request)](const Progress& progress) -> std::any {
        if (!request.msa || request.msa->depth() == 0) throw Error("no alignment to run");
        progress.update(0.0, "choosing rows");
        PreparedMsa input = prepareMsa(*request.msa, request.rows);
        progress.throwIfCancelled();

        LoadedModel model = request.loaded;
        if (!model.model) {
            progress.update(0.02, request.model.isDemo() ? "building the demo model" : "loading the model");
            model = loadModel(request.model);
        }
        progress.throwIfCancelled();

        const ForwardOptions options = workbenchForwardOptions(
            model.model->config().hasContactHead && !model.model->contactRegressionWeights().empty(), request.threads);
        // The forward pass reports 0..1 itself; map it to 5 %..100 % of the whole job.
        Progress forwardProgress;
        forwardProgress.cancel = progress.cancel;
        forwardProgress.report = [&progress](double f, const std::string& stage) {
            progress.update(0.05 + 0.95 * f, stage);
        };
        RunOutcome outcome;
        outcome.run = std::make_shared<const RunResult>(
            runModel(model, std::move(input), request.rows, options, forwardProgress));
        outcome.model = std::move(model);
        progress.update(1.0, "done");
        return outcome;
    };
}

}  // namespace axs::ui
