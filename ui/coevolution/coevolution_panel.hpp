// The Coevolution box of the run dock: method (plmDCA / MI), "Compute coevolution",
// Cancel, progress and the outcome. Contacts from the alignment alone, no model needed.
#pragma once

#include <QWidget>

#include "workflow/coevolution_run.hpp"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace axs::ui {

class CoevolutionController;
class Session;

class CoevolutionPanel : public QWidget {
    Q_OBJECT
public:
    CoevolutionPanel(Session* session, CoevolutionController* controller, QWidget* parent = nullptr);

    CoevolutionMethod method() const;
    void setMethod(CoevolutionMethod method);

public slots:
    void compute();

private:
    void setRunning(bool running);
    void updateEnabled();

    Session* session_;
    CoevolutionController* controller_;
    QComboBox* method_;
    QPushButton* compute_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* outcome_;
};

}  // namespace axs::ui
