#include "coevolution/coevolution_controller.hpp"

#include "session/session.hpp"

namespace axs::ui {

CoevolutionController::CoevolutionController(Session* session, QObject* parent) : QObject(parent), session_(session) {
    connect(session_, &Session::msaChanged, this, [this] {
        cancel();
        result_.reset();
    });
}

void CoevolutionController::start(CoevolutionMethod method, int threads) {
    if (job_ || !session_->msa()) return;
    std::shared_ptr<const Msa> msa = session_->msa();
    Job* job = Job::start(
        tr("Coevolution"),
        [msa, method, threads](const Progress& p) -> std::any { return computeCoevolution(msa, method, threads, p); },
        this);
    job_ = job;
    connect(job, &Job::progress, this, &CoevolutionController::progress);
    connect(job, &Job::finished, this, [this](const std::any& value) {
        job_ = nullptr;
        auto result = std::any_cast<CoevolutionResultPtr>(value);
        const bool current = result->msa == session_->msa();  // not for an alignment closed meanwhile
        if (current) result_ = result;
        emit runningChanged(false);
        if (current)
            emit finished(result);
        else
            emit cancelled();
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

void CoevolutionController::cancel() {
    if (job_) job_->cancel();
}

}  // namespace axs::ui
