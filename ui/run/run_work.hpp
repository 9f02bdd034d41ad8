// What one model run does on the worker thread (the job pattern of jobs/job.hpp): take
// the snapshot of the request, load the model if needed, and hand the rest to core's
// workflow (workflow/model_run.hpp), the code `axialscope-cli predict` runs.
#pragma once

#include <memory>

#include "jobs/job.hpp"
#include "msa/msa.hpp"
#include "session/model_choice.hpp"
#include "session/run_result.hpp"
#include "workflow/prepared_msa.hpp"

namespace axs::ui {

struct RunRequest {
    std::shared_ptr<const Msa> msa;  ///< the opened alignment (query = row 0)
    RowSelection rows;               ///< rows fed to the model and how they are chosen
    ModelChoice model;
    /// The model already loaded for `model` (reused instead of loading again); may be empty.
    LoadedModel loaded;
    int threads = 0;  ///< 0: OpenMP default
};

/// What a finished run hands back: the run and the model it used (to keep for the next).
struct RunOutcome {
    RunResultPtr run;
    LoadedModel model;
};

/// The Job::Work for a request; its std::any result holds a RunOutcome.
Job::Work makeRunWork(RunRequest request);

}  // namespace axs::ui
