// The one pattern for every long-running job in the workbench (model runs, column
// attention, coevolution, downloads of large files are separate): the caller captures a
// snapshot of its inputs in `work`, the work runs on its own QThread, progress and the
// result come back through queued signals on the GUI thread, and cancel() raises an
// atomic flag that core checks at least once per layer or chunk.
#pragma once

#include <QObject>
#include <QString>
#include <any>
#include <atomic>
#include <functional>

#include "common/progress.hpp"

class QThread;

namespace axs::ui {

class Job : public QObject {
    Q_OBJECT
public:
    /// Runs on the worker thread. Must not touch widgets. Throw axs::Error for failures.
    using Work = std::function<std::any(const axs::Progress&)>;

    /// Starts `work` immediately. The Job deletes itself after emitting one of
    /// finished / failed / cancelled (parent may delete it earlier: it then cancels and waits).
    static Job* start(const QString& title, Work work, QObject* parent = nullptr);
    ~Job() override;

    QString title() const { return title_; }
    /// Thread-safe; the job ends with cancelled() shortly after.
    void cancel() { cancel_.store(true); }
    bool isCancelRequested() const { return cancel_.load(); }

signals:
    void progress(double fraction, const QString& stage);
    void finished(const std::any& result);
    void failed(const QString& message);
    void cancelled();

private:
    Job(const QString& title, Work work, QObject* parent);
    void run();

    QString title_;
    Work work_;
    std::atomic<bool> cancel_{false};
    QThread* thread_ = nullptr;
};

}  // namespace axs::ui
