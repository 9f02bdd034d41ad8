// Base of the controllers that start one kind of Job at a time for a Session (model runs,
// coevolution): it tracks the running job, forwards its progress, failure and cancellation,
// and announces the end in one fixed order, so every controller behaves alike.
#pragma once

#include <QObject>
#include <QPointer>
#include <any>
#include <functional>

#include "jobs/job.hpp"

namespace axs::ui {

class JobController : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    bool isRunning() const { return !job_.isNull(); }
    Job* currentJob() const { return job_; }
    /// Asks the running job to stop; cancelled() follows shortly (within about a layer's time).
    void cancel() {
        if (job_) job_->cancel();
    }

signals:
    void started();
    void progress(double fraction, const QString& stage);
    void failed(const QString& message);
    void cancelled();
    void runningChanged(bool running);

protected:
    /// What to do with a finished job's value: update the controller's state, and return
    /// the announcement to make (e.g. emit the typed finished signal) once the controller
    /// has said it is no longer running.
    using Settle = std::function<std::function<void()>(const std::any& value)>;

    /// Follows `job` (just started, parented to this): emits started() and
    /// runningChanged(true) now; at the end runningChanged(false) and then failed(),
    /// cancelled(), or the announcement `settle` returns.
    void follow(Job* job, Settle settle) {
        job_ = job;
        connect(job, &Job::progress, this, &JobController::progress);
        connect(job, &Job::finished, this, [this, settle = std::move(settle)](const std::any& value) {
            job_ = nullptr;
            const std::function<void()> announce = settle(value);
            emit runningChanged(false);
            if (announce) announce();
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

private:
    QPointer<Job> job_;
};

}  // namespace axs::ui
