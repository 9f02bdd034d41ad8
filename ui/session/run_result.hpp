// What the workbench shows of model runs and coevolution: core's results
// (workflow/model_run.hpp, workflow/coevolution_run.hpp), immutable once built and shared
// by pointer between the session, the views and the exports.
#pragma once

#include <memory>

#include "workflow/coevolution_run.hpp"
#include "workflow/model_run.hpp"

namespace axs::ui {

using RunResult = axs::ModelRun;
using RunResultPtr = std::shared_ptr<const RunResult>;

using CoevolutionResult = axs::CoevolutionRun;
using CoevolutionResultPtr = std::shared_ptr<const CoevolutionResult>;

}  // namespace axs::ui
