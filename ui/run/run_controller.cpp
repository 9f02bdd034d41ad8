#include "run/run_controller.hpp"

#include "jobs/job.hpp"
#include "run/run_work.hpp"
#include "session/session.hpp"

namespace axs::ui {

RunController::RunController(Session* session, QObject* parent) : QObject(parent), session_(session) {
    connect(session_, &Session::modelChanged, this, [this] { loadedModel_.reset(); });
    // A run belongs to the alignment it started with: a new alignment stops it.
    connect(session_, &Session::msaChanged, this, &RunController::cancel);
}

void RunController::start(size_t maxRows, SubsampleMode mode, int threads) {
    if (job_ || !session_->msa()) return;
    RunRequest request;
    request.msa = session_->msa();
    request.maxRows = maxRows;
    request.mode = mode;
    request.model = session_->model();
    request.loadedModel = loadedModel_;
    request.threads = threads;
    const auto model = request.model;
    Job* job = Job::start(tr("Model run"), makeRunWork(std::move(request)), this);
    job_ = job;
    connect(job, &Job::progress, this, &RunController::progress);
    connect(job, &Job::finished, this, [this, model](const std::any& value) {
        job_ = nullptr;
        auto result = std::any_cast<RunResultPtr>(value);
        if (session_->model() == model) loadedModel_ = result->model;
        session_->setRun(result);
        emit runningChanged(false);
        emit finished(result);
    });
    connect(job, &Job::failed, this, [this](const QString& message) {
        job_ = nullptr;
        emit runningChanged(false);
        emit failed(message);
    });
    connect(job, &Job::cancelled, this, [this] {
        job_ = nullptr;
        emit runningChanged(false);
        emit cancelled();
    });
    emit runningChanged(true);
    emit started();
}

void RunController::cancel() {
    if (job_) job_->cancel();
}

}  // namespace axs::ui
