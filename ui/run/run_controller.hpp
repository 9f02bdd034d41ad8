// Starts, follows and cancels model runs for a Session: builds the request snapshot on the
// GUI thread, runs it as a Job (jobs/job.hpp) and publishes the RunResult to the session.
// Keeps the last loaded model so repeated runs do not load the checkpoint again.
#pragma once

#include <QObject>
#include <memory>

#include "jobs/job_controller.hpp"
#include "msa/subsample.hpp"
#include "session/run_result.hpp"

namespace axs::ui {

class Session;

class RunController : public JobController {
    Q_OBJECT
public:
    explicit RunController(Session* session, QObject* parent = nullptr);

    /// The model built by an earlier run for the session's current model choice (or null).
    std::shared_ptr<const MsaTransformer> loadedModel() const { return loadedModel_; }

    /// Uses `model` (already built for the session's current model choice) for the next runs.
    void adoptModel(std::shared_ptr<const MsaTransformer> model) { loadedModel_ = std::move(model); }

    /// Starts a run of the session's MSA and model. Ignored while a run is going on.
    void start(size_t maxRows, SubsampleMode mode, int threads = 0);

signals:
    void finished(RunResultPtr result);

private:
    Session* session_;
    std::shared_ptr<const MsaTransformer> loadedModel_;
};

}  // namespace axs::ui
