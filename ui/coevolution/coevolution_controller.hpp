// Starts, follows and cancels coevolution jobs for a Session (jobs/job.hpp pattern) and
// keeps the last result for the session's current alignment (a new alignment cancels the
// job and drops the result).
#pragma once

#include <QObject>

#include "coevolution/coevolution_work.hpp"
#include "jobs/job_controller.hpp"

namespace axs::ui {

class Session;

class CoevolutionController : public JobController {
    Q_OBJECT
public:
    explicit CoevolutionController(Session* session, QObject* parent = nullptr);

    /// The last finished result for the current alignment, or null.
    CoevolutionResultPtr result() const { return result_; }

    /// Computes `method` on the session's alignment. Ignored while a job runs or without alignment.
    void start(CoevolutionMethod method, int threads = 0);

signals:
    void finished(CoevolutionResultPtr result);

private:
    Session* session_;
    CoevolutionResultPtr result_;
};

}  // namespace axs::ui
