// The Run panel: how many rows and how to pick them, an estimate of memory and time
// before starting (runs that cannot fit are refused with the reason and a suggestion),
// Run / Cancel, per-layer progress and the outcome of the last run.
#pragma once

#include <QWidget>

#include "workflow/prepared_msa.hpp"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace axs::ui {

class RunController;
class Session;

class RunPanel : public QWidget {
    Q_OBJECT
public:
    RunPanel(Session* session, RunController* controller, QWidget* parent = nullptr);

    /// Re-evaluates the estimate (called on every input change; public for tests).
    void updateEstimate();
    /// Why the current settings would be refused ("" when the run may start).
    QString refusal() const { return refusal_; }
    /// For tests and screenshots: the memory the refusal check compares against (bytes);
    /// <= 0 uses the system's available memory.
    void setMemoryBudgetOverride(double bytes);
    /// The rows the next run takes (the Rows and Pick rows controls).
    RowSelection rowSelection() const;
    void setRowSelection(const RowSelection& rows);
    void setThreads(int threads);

public slots:
    void startRun();

private:
    void setRunning(bool running);

    Session* session_;
    RunController* controller_;
    QLabel* modelLabel_;
    QSpinBox* rows_;
    QComboBox* mode_;
    QSpinBox* threads_;
    QLabel* estimate_;
    QPushButton* run_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* stage_;
    QLabel* outcome_;
    QString refusal_;
    double budgetOverride_ = 0;
};

}  // namespace axs::ui
