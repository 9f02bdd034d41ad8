// What one model run does on the worker thread (the job pattern of jobs/job.hpp): take
// the snapshot of the request, pick the rows, tokenize, load the model if needed, run the
// forward pass with row attentions and contacts, and package a RunResult.
#pragma once

#include <QString>
#include <memory>

#include "jobs/job.hpp"
#include "msa/msa.hpp"
#include "msa/subsample.hpp"
#include "session/model_choice.hpp"
#include "session/run_result.hpp"

namespace axs::ui {

struct RunRequest {
    std::shared_ptr<const Msa> msa;  ///< the opened alignment (query = row 0)
    size_t maxRows = 128;            ///< depth fed to the model (subsampled when deeper)
    SubsampleMode mode = SubsampleMode::Greedy;
    ModelChoice model;
    /// A model already built for `model` (reused instead of loading again); may be null.
    std::shared_ptr<const MsaTransformer> loadedModel;
    int threads = 0;  ///< 0: OpenMP default
};

/// What a workbench run computes and keeps: row attentions, and contacts when the model has
/// a contact-regression head; column attentions are computed later, per chosen column. One
/// place for the run itself and for the estimate shown before it.
ForwardOptions workbenchForwardOptions(bool contacts, int threads);

/// The Job::Work for a request; its std::any result holds a RunResultPtr.
Job::Work makeRunWork(RunRequest request);

/// Loads (or builds, for the demo) the model of `choice`. Throws axs::Error naming the file.
std::shared_ptr<const MsaTransformer> loadModel(const ModelChoice& choice);

}  // namespace axs::ui
