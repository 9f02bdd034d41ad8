#include "run/run_work.hpp"

#include <chrono>

#include "checkpoint/checkpoint.hpp"
#include "common/error.hpp"
#include "msa/tokenizer.hpp"

namespace axs::ui {

std::shared_ptr<const MsaTransformer> loadModel(const ModelChoice& choice) {
    if (choice.isDemo()) return std::make_shared<const MsaTransformer>(buildDemoModel());
    const Checkpoint checkpoint = loadCheckpoint(choice.path.toStdString());
    return std::make_shared<const MsaTransformer>(MsaTransformer::fromCheckpoint(checkpoint));
}

ForwardOptions workbenchForwardOptions(bool contacts, int threads) {
    ForwardOptions options;
    options.rowAttentions = true;
    options.contacts = contacts;
    options.threads = threads;
    return options;
}

Job::Work makeRunWork(RunRequest request) {
    return [request = std::move(request)](const Progress& progress) -> std::any {
        if (!request.msa || request.msa->depth() == 0) throw Error("no alignment to run");
        const Msa& full = *request.msa;

        progress.update(0.0, "choosing rows");
        auto result = std::make_shared<RunResult>();
        result->keptRows = selectRows(full, std::max<size_t>(1, request.maxRows), request.mode);
        progress.throwIfCancelled();
        Msa& msa = result->msa;
        msa.sourcePath = full.sourcePath;
        msa.format = full.format;
        for (size_t r : result->keptRows) {
            msa.rows.push_back(full.rows[r]);
            msa.names.push_back(r < full.names.size() ? full.names[r] : std::string());
            if (!full.descriptions.empty()) msa.descriptions.push_back(full.descriptions[r]);
        }
        result->tokens = tokenizeMsa(msa);

        std::shared_ptr<const MsaTransformer> model = request.loadedModel;
        if (!model) {
            progress.update(0.02, request.model.isDemo() ? "building the demo model" : "loading the model");
            model = loadModel(request.model);
        }
        progress.throwIfCancelled();

        const ForwardOptions options = workbenchForwardOptions(
            model->config().hasContactHead && !model->contactRegressionWeights().empty(), request.threads);
        // The forward pass reports 0..1 itself; map it to 5 %..100 % of the whole job.
        Progress forwardProgress;
        forwardProgress.cancel = progress.cancel;
        forwardProgress.report = [&progress](double f, const std::string& stage) {
            progress.update(0.05 + 0.95 * f, stage);
        };
        const auto start = std::chrono::steady_clock::now();
        ForwardResult forward = model->forward(result->tokens, options, forwardProgress);
        result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        result->rowAttentions = std::move(forward.rowAttentions);
        result->contacts = std::move(forward.contacts);
        result->model = model;
        result->randomWeights = request.model.isDemo();
        result->modelLabel = request.model.label().toStdString();
        progress.update(1.0, "done");
        return RunResultPtr(std::move(result));
    };
}

}  // namespace axs::ui
