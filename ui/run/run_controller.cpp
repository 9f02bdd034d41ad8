#include "run/run_controller.hpp"

#include "jobs/job.hpp"
#include "run/run_work.hpp"
#include "session/session.hpp"

namespace axs::ui {

RunController::RunController(Session* session, QObject* parent) : JobController(parent), session_(session) {
    // A run belongs to the alignment it started with: a new alignment stops it.
    connect(session_, &Session::msaChanged, this, &RunController::cancel);
}

void RunController::start(const RowSelection& rows, int threads) {
    if (isRunning() || !session_->msa()) return;
    RunRequest request;
    request.msa = session_->msa();
    request.rows = rows;
    request.model = session_->model();
    request.loaded = session_->loadedModel();
    request.threads = threads;
    const ModelChoice choice = request.model;
    const auto msa = request.msa;
    Job* job = Job::start(tr("Model run"), makeRunWork(std::move(request)), this);
    follow(job, [this, choice, msa](const std::any& value) -> std::function<void()> {
        // A run that ended just before a new alignment arrived (too late to see the cancel)
        // belongs to the old alignment: never shown.
        if (session_->msa() != msa) return [this] { emit cancelled(); };
        auto outcome = std::any_cast<RunOutcome>(value);
        session_->setLoadedModel(choice, outcome.model);
        session_->setRun(outcome.run);
        return [this, run = outcome.run] { emit finished(run); };
    });
}

}  // namespace axs::ui
