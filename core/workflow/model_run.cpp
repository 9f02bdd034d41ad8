#include "workflow/model_run.hpp"

#include <algorithm>
#include <chrono>

#include "common/error.hpp"
#include "msa/tokenizer.hpp"

namespace axs {

TensorF contactMap(const ModelRun& run) {
    TensorF m;
    if (run.contacts.rank() != 3) return m;
    m.shape = {run.contacts.shape[1], run.contacts.shape[2]};
    m.data = run.contacts.data;
    return m;
}

ForwardOptions workbenchForwardOptions(bool contacts, int threads) {
    ForwardOptions options;
    options.rowAttentions = true;
    options.contacts = contacts;
    options.threads = threads;
    return options;
}

ModelRun runModel(const LoadedModel& model, PreparedMsa input, const RowSelection& selection,
                  const ForwardOptions& options, const Progress& progress) {
    if (!model.model) throw Error("no model to run");
    if (options.contacts && model.model->contactRegressionWeights().empty())
        throw Error(model.identity.label +
                    ": no contact-regression weights: put the regression file beside the model as <model>-"
                    "contact-regression.pt, or do not ask for contacts");
    ModelRun run;
    run.tokens = tokenizeMsa(input.msa);
    run.msa = std::move(input.msa);
    run.keptRows = std::move(input.keptRows);
    run.openedRows = input.openedRows;
    run.selection = selection;
    run.model = model.identity;
    run.precision = options.precision;
    run.regressionWeights = model.model->contactRegressionWeights();
    progress.throwIfCancelled();

    const auto start = std::chrono::steady_clock::now();
    ForwardResult forward = model.model->forward(run.tokens, options, progress);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.rowAttentions = std::move(forward.rowAttentions);
    run.contacts = std::move(forward.contacts);
    run.logits = std::move(forward.logits);
    run.representations = std::move(forward.representations);
    return run;
}

}  // namespace axs
