// Starts, follows and cancels coevolution jobs for a Session (jobs/job.hpp pattern) and
// keeps the last result for the session's current alignment (a new alignment cancels the
// job and drops the result).
#pragma once

#include <QObject>
#include <QPointer>

#include "coevolution/coevolution_work.hpp"
#include "jobs/job.hpp"

namespace axs::ui {

class Session;

class CoevolutionController : public QObject {
    Q_OBJECT
public:
    explicit CoevolutionController(Session* session, QObject* parent = nullptr);

    bool isRunning() const { return !job_.isNull(); }
    Job* currentJob() const { return job_; }
    /// The last finished result for the current alignment, or null.
    CoevolutionResultPtr result() const { return result_; }

    /// Computes `method` on the session's alignment. Ignored while a job runs or without alignment.
    void start(CoevolutionMethod method, int threads = 0);
    /// Asks the running job to stop; cancelled() follows shortly.
    void cancel();

signals:
    void started();
    void progress(double fraction, const QString& stage);
    void finished(CoevolutionResultPtr result);
    void failed(const QString& message);
    void cancelled();
    void runningChanged(bool running);

private:
    Session* session_;
    QPointer<Job> job_;
    CoevolutionResultPtr result_;
};

}  // namespace axs::ui
