#include "coevolution/coevolution_panel.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "coevolution/coevolution_controller.hpp"
#include "session/session.hpp"

namespace axs::ui {

CoevolutionPanel::CoevolutionPanel(Session* session, CoevolutionController* controller, QWidget* parent)
    : QWidget(parent),
      session_(session),
      controller_(controller),
      method_(new QComboBox(this)),
      compute_(new QPushButton(tr("Compute coevolution"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      outcome_(new QLabel(this)) {
    method_->setObjectName(QStringLiteral("coevolutionMethod"));
    method_->addItem(tr("plmDCA (pseudo-likelihood)"), int(CoevolutionMethod::Plm));
    method_->addItem(tr("MI + APC (fast)"), int(CoevolutionMethod::Mi));
    method_->setToolTip(
        tr("Contacts from the alignment alone, without the model: plmDCA fits a Potts model as CCMpred does "
           "(accurate, seconds to minutes); mutual information is fast but much less accurate."));
    compute_->setObjectName(QStringLiteral("coevolutionCompute"));
    cancel_->setObjectName(QStringLiteral("coevolutionCancel"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    outcome_->setObjectName(QStringLiteral("coevolutionOutcome"));
    outcome_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Method"), method_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(compute_, 1);
    buttons->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    layout->addWidget(outcome_);

    connect(compute_, &QPushButton::clicked, this, &CoevolutionPanel::compute);
    connect(cancel_, &QPushButton::clicked, controller_, &CoevolutionController::cancel);
    connect(controller_, &CoevolutionController::runningChanged, this, &CoevolutionPanel::setRunning);
    connect(controller_, &CoevolutionController::progress, this, [this](double fraction, const QString& stage) {
        progress_->setValue(int(fraction * 1000));
        outcome_->setText(stage);
    });
    connect(controller_, &CoevolutionController::finished, this, [this](CoevolutionResultPtr r) {
        progress_->setValue(1000);
        outcome_->setText(
            tr("%1: %2, %3 s")
                .arg(QString::fromStdString(coevolutionLabel(r->method)), QString::fromStdString(r->summary))
                .arg(r->seconds, 0, 'f', 1));
    });
    connect(controller_, &CoevolutionController::failed, this,
            [this](const QString& message) { outcome_->setText(tr("Failed: %1").arg(message)); });
    connect(controller_, &CoevolutionController::cancelled, this, [this] {
        progress_->setValue(0);
        outcome_->setText(tr("Cancelled."));
    });
    connect(session_, &Session::msaChanged, this, [this] {
        progress_->setValue(0);
        outcome_->clear();
        updateEnabled();
    });
    setRunning(false);
}

CoevolutionMethod CoevolutionPanel::method() const { return CoevolutionMethod(method_->currentData().toInt()); }

void CoevolutionPanel::setMethod(CoevolutionMethod method) { method_->setCurrentIndex(method_->findData(int(method))); }

void CoevolutionPanel::compute() { controller_->start(method()); }

void CoevolutionPanel::setRunning(bool running) {
    cancel_->setEnabled(running);
    method_->setEnabled(!running);
    updateEnabled();
}

void CoevolutionPanel::updateEnabled() {
    compute_->setEnabled(!controller_->isRunning() && session_->msa() != nullptr);
    compute_->setToolTip(session_->msa() ? QString() : tr("Open an alignment first"));
}

}  // namespace axs::ui
