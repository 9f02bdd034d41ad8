#include "run/run_controller.hpp"

#include "jobs/job.hpp"
#include "run/run_work.hpp"
#include "session/session.hpp"

namespace axs::ui {

RunController::RunController(Session* session, QObject* parent) : JobController(parent), session_(session) {
    connect(session_, &Session::modelChanged, this, [this] { loadedModel_.reset(); });
    // A run belongs to the alignment it started with: a new alignment stops it.
    connect(session_, &Session::msaChanged, this, &RunController::cancel);
}

void RunController::start(size_t maxRows, SubsampleMode mode, int threads) {
    if (isRunning() || !session_->msa()) return;
    RunRequest request;
    request.msa = session_->msa();
    request.maxRows = maxRows;
    request.mode = mode;
    request.model = session_->model();
    request.loadedModel = loadedModel_;
    request.threads = threads;
    const auto model = request.model;
    const auto msa = request.msa;
    Job* job = Job::start(tr("Model run"), makeRunWork(std::move(request)), this);
    follow(job, [this, model, msa](const std::any& value) -> std::function<void()> {
        // A run that ended just before a new alignment arrived (too late to see the cancel)
        // belongs to the old alignment: never shown.
        if (session_->msa() != msa) return [this] { emit cancelled(); };
        auto result = std::any_cast<RunResultPtr>(value);
        if (session_->model() == model) loadedModel_ = result->model;
        session_->setRun(result);
        return [this, result] { emit finished(result); };
    });
}

}  // namespace axs::ui
