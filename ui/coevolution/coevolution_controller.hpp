// Starts, follows and cancels coevolution jobs for a Session (jobs/job.hpp pattern): the
// work is core's (workflow/coevolution_run.hpp, the code of `axialscope-cli coevolution`);
// the result goes to the session, which drops it with its alignment.
#pragma once

#include <QObject>

#include "jobs/job_controller.hpp"
#include "session/run_result.hpp"

namespace axs::ui {

class Session;

class CoevolutionController : public JobController {
    Q_OBJECT
public:
    explicit CoevolutionController(Session* session, QObject* parent = nullptr);

    /// Computes `method` on the session's alignment. Ignored while a job runs or without alignment.
    void start(CoevolutionMethod method, int threads = 0);

signals:
    void finished(CoevolutionResultPtr result);

private:
    Session* session_;
};

}  // namespace axs::ui
