#include "jobs/job.hpp"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>

#include "common/error.hpp"

namespace axs::ui {

Job* Job::start(const QString& title, Work work, QObject* parent) {
    auto* job = new Job(title, std::move(work), parent);
    job->run();
    return job;
}

Job::Job(const QString& title, Work work, QObject* parent) : QObject(parent), title_(title), work_(std::move(work)) {}

Job::~Job() {
    if (thread_) {
        cancel_.store(true);
        thread_->wait();
        delete thread_;
    }
}

void Job::run() {
    thread_ = QThread::create([this] {
        axs::Progress progress;
        progress.cancel = &cancel_;
        // Coalesce reports so a job that reports per chunk cannot flood the GUI's event
        // queue: a report is posted when the stage text changes, the fraction moved by 0.5 %
        // or more, 50 ms passed, or the job is done. (Worker-thread state only.)
        QElapsedTimer sincePosted;
        double lastFraction = -1;
        std::string lastStage;
        progress.report = [this, sincePosted, lastFraction, lastStage](double fraction,
                                                                       const std::string& stage) mutable {
            const bool post = stage != lastStage || fraction >= 1.0 || fraction - lastFraction >= 0.005 ||
                              !sincePosted.isValid() || sincePosted.elapsed() >= 50;
            if (!post) return;
            sincePosted.start();
            lastFraction = fraction;
            lastStage = stage;
            const QString s = QString::fromStdString(stage);
            QMetaObject::invokeMethod(
                this, [this, fraction, s] { emit this->progress(fraction, s); }, Qt::QueuedConnection);
        };
        enum class Outcome { Finished, Failed, Cancelled } outcome = Outcome::Finished;
        std::any result;
        QString message;
        try {
            result = work_(progress);
            if (cancel_.load()) outcome = Outcome::Cancelled;
        } catch (const axs::Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            message = QString::fromUtf8(e.what());
        } catch (...) {
            outcome = Outcome::Failed;
            message = QStringLiteral("unknown error");
        }
        // Deliver on the GUI thread; the Job deletes itself once the thread has ended.
        QMetaObject::invokeMethod(
            this,
            [this, outcome, result = std::move(result), message] {
                thread_->wait();
                switch (outcome) {
                    case Outcome::Finished:
                        emit finished(result);
                        break;
                    case Outcome::Failed:
                        emit failed(message);
                        break;
                    case Outcome::Cancelled:
                        emit cancelled();
                        break;
                }
                deleteLater();
            },
            Qt::QueuedConnection);
    });
    thread_->start();
}

}  // namespace axs::ui
