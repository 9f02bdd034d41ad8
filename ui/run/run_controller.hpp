// Starts, follows and cancels model runs for a Session: builds the request snapshot on the
// GUI thread, runs it as a Job (jobs/job.hpp) and publishes the run, and the model it
// loaded, to the session (which keeps both: the controller holds no state of its own).
#pragma once

#include <QObject>

#include "jobs/job_controller.hpp"
#include "session/run_result.hpp"
#include "workflow/prepared_msa.hpp"

namespace axs::ui {

class Session;

class RunController : public JobController {
    Q_OBJECT
public:
    explicit RunController(Session* session, QObject* parent = nullptr);

    /// Starts a run of the session's alignment and model. Ignored while a run is going on.
    void start(const RowSelection& rows, int threads = 0);

signals:
    void finished(RunResultPtr result);

private:
    Session* session_;
};

}  // namespace axs::ui
