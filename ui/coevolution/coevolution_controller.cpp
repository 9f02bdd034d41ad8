#include "coevolution/coevolution_controller.hpp"

#include "session/session.hpp"

namespace axs::ui {

CoevolutionController::CoevolutionController(Session* session, QObject* parent)
    : JobController(parent), session_(session) {
    connect(session_, &Session::msaChanged, this, &CoevolutionController::cancel);
}

void CoevolutionController::start(CoevolutionMethod method, int threads) {
    if (isRunning() || !session_->msa()) return;
    std::shared_ptr<const Msa> msa = session_->msa();
    Job* job = Job::start(
        tr("Coevolution"),
        [msa, method, threads](const Progress& p) -> std::any {
            return CoevolutionResultPtr(
                std::make_shared<const CoevolutionResult>(runCoevolution(*msa, method, threads, p)));
        },
        this);
    follow(job, [this, msa](const std::any& value) -> std::function<void()> {
        auto result = std::any_cast<CoevolutionResultPtr>(value);
        if (msa != session_->msa()) return [this] { emit cancelled(); };  // not for an alignment closed meanwhile
        session_->setCoevolution(result);
        return [this, result] { emit finished(result); };
    });
}

}  // namespace axs::ui
