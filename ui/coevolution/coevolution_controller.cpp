#include "coevolution/coevolution_controller.hpp"

#include "session/session.hpp"

namespace axs::ui {

CoevolutionController::CoevolutionController(Session* session, QObject* parent)
    : JobController(parent), session_(session) {
    connect(session_, &Session::msaChanged, this, [this] {
        cancel();
        result_.reset();
    });
}

void CoevolutionController::start(CoevolutionMethod method, int threads) {
    if (isRunning() || !session_->msa()) return;
    std::shared_ptr<const Msa> msa = session_->msa();
    Job* job = Job::start(
        tr("Coevolution"),
        [msa, method, threads](const Progress& p) -> std::any { return computeCoevolution(msa, method, threads, p); },
        this);
    follow(job, [this](const std::any& value) -> std::function<void()> {
        auto result = std::any_cast<CoevolutionResultPtr>(value);
        const bool current = result->msa == session_->msa();  // not for an alignment closed meanwhile
        if (!current) return [this] { emit cancelled(); };
        result_ = result;
        return [this, result] { emit finished(result); };
    });
}

}  // namespace axs::ui
