#include "run/run_panel.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include "run/run_controller.hpp"
#include "run/run_estimate.hpp"
#include "session/session.hpp"
#include "workflow/model_identity.hpp"

namespace axs::ui {
namespace {
// Refuse a run whose estimate exceeds this share of the available memory: the rest is
// headroom for the window, the views and the estimate's own error.
constexpr double kMemoryShare = 0.85;
}  // namespace

RunPanel::RunPanel(Session* session, RunController* controller, QWidget* parent)
    : QWidget(parent), session_(session), controller_(controller) {
    QSettings settings;
    modelLabel_ = new QLabel(this);
    modelLabel_->setWordWrap(true);
    modelLabel_->setObjectName(QStringLiteral("runModel"));

    rows_ = new QSpinBox(this);
    rows_->setObjectName(QStringLiteral("runRows"));
    rows_->setRange(1, 1000000);
    rows_->setValue(settings.value(QStringLiteral("run/rows"), 128).toInt());
    rows_->setToolTip(
        tr("Number of sequences fed to the model (the query is always included). "
           "The official contact notebook uses 128."));
    mode_ = new QComboBox(this);
    mode_->setObjectName(QStringLiteral("runMode"));
    mode_->addItem(tr("Greedy (most diverse)"), QStringLiteral("greedy"));
    mode_->addItem(tr("First rows (file order)"), QStringLiteral("first"));
    mode_->setCurrentIndex(settings.value(QStringLiteral("run/mode")).toString() == QLatin1String("first") ? 1 : 0);
    mode_->setToolTip(tr("Greedy: the official notebook's max-Hamming-distance selection. First: the first rows."));
    threads_ = new QSpinBox(this);
    threads_->setRange(1, std::max(1, QThread::idealThreadCount()));
    threads_->setValue(std::max(1, QThread::idealThreadCount()));

    estimate_ = new QLabel(this);
    estimate_->setObjectName(QStringLiteral("runEstimate"));
    estimate_->setWordWrap(true);
    estimate_->setTextFormat(Qt::RichText);

    run_ = new QPushButton(tr("Run model"), this);
    run_->setObjectName(QStringLiteral("runButton"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(QStringLiteral("cancelButton"));
    cancel_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->hide();  // shown while a run is going on
    stage_ = new QLabel(this);
    stage_->setObjectName(QStringLiteral("runStage"));
    outcome_ = new QLabel(this);
    outcome_->setObjectName(QStringLiteral("runOutcome"));
    outcome_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Rows:"), rows_);
    form->addRow(tr("Pick rows:"), mode_);
    form->addRow(tr("Threads:"), threads_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(modelLabel_);
    layout->addLayout(form);
    layout->addWidget(estimate_);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    layout->addWidget(stage_);
    layout->addWidget(outcome_);
    layout->addStretch(1);

    connect(rows_, &QSpinBox::valueChanged, this, [this](int v) {
        QSettings().setValue(QStringLiteral("run/rows"), v);
        updateEstimate();
    });
    connect(mode_, &QComboBox::currentIndexChanged, this,
            [this] { QSettings().setValue(QStringLiteral("run/mode"), mode_->currentData().toString()); });
    connect(threads_, &QSpinBox::valueChanged, this, &RunPanel::updateEstimate);
    connect(run_, &QPushButton::clicked, this, &RunPanel::startRun);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        controller_->cancel();
        cancel_->setEnabled(false);
        stage_->setText(tr("Cancelling\u2026"));
    });
    connect(session_, &Session::msaChanged, this, &RunPanel::updateEstimate);
    connect(session_, &Session::modelChanged, this, &RunPanel::updateEstimate);
    connect(session_, &Session::loadedModelChanged, this, &RunPanel::updateEstimate);
    connect(controller_, &RunController::runningChanged, this, &RunPanel::setRunning);
    connect(controller_, &RunController::progress, this, [this](double f, const QString& stage) {
        progress_->setValue(int(f * 1000));
        stage_->setText(stage);
    });
    connect(controller_, &RunController::finished, this, [this](RunResultPtr r) {
        progress_->setValue(1000);
        stage_->clear();
        outcome_->setText(tr("Last run: %1 rows \u00d7 %2 columns, %3 layers \u00d7 %4 heads, %5.")
                              .arg(r->msa.depth())
                              .arg(r->msa.width())
                              .arg(r->layers())
                              .arg(r->heads())
                              .arg(formatSeconds(r->seconds)));
    });
    connect(controller_, &RunController::failed, this, [this](const QString& message) {
        progress_->setValue(0);
        stage_->clear();
        outcome_->setText(tr("<b>The run failed:</b> %1").arg(message.toHtmlEscaped()));
    });
    connect(controller_, &RunController::cancelled, this, [this] {
        progress_->setValue(0);
        stage_->clear();
        outcome_->setText(tr("The run was cancelled."));
    });
    updateEstimate();
}

void RunPanel::setMemoryBudgetOverride(double bytes) {
    budgetOverride_ = bytes;
    updateEstimate();
}

void RunPanel::updateEstimate() {
    const ModelChoice& model = session_->model();
    modelLabel_->setText(model.isDemo()
                             ? tr("<b>Model:</b> <span style='color:#b35900'><b>%1</b></span>").arg(demoModelWarning())
                             : tr("<b>Model:</b> %1").arg(model.label().toHtmlEscaped()));
    const auto msa = session_->msa();
    refusal_.clear();
    if (!msa || msa->depth() == 0) {
        estimate_->setText(tr("Open an alignment to run the model."));
        run_->setEnabled(false);
        return;
    }
    const auto loaded = session_->loadedModel().model;
    const ModelConfig config = loaded ? loaded->config() : model.isDemo() ? demoModelConfig() : ModelConfig::esmMsa1b();
    const int64_t rows = std::min<int64_t>(rows_->value(), int64_t(msa->depth()));
    const auto width = int64_t(msa->width());
    const ModelState state = loaded ? ModelState::Loaded : model.isDemo() ? ModelState::ToBuild : ModelState::ToConvert;
    const RunEstimate e = workbenchRunCost(config, rows, width, threads_->value(), state);
    const double available = budgetOverride_ > 0 ? budgetOverride_ : availableMemoryBytes();

    QString text = tr("<b>Estimate</b> for %1 \u00d7 %2: about <b>%3</b> of memory and <b>%4</b>")
                       .arg(rows)
                       .arg(msa->width())
                       .arg(formatBytes(e.bytes).toHtmlEscaped(), formatSeconds(e.seconds).toHtmlEscaped());
    if (available > 0) text += tr(" (%1 available now)").arg(formatBytes(available).toHtmlEscaped());
    text += QStringLiteral(".<br><small>") + estimateBasis().toHtmlEscaped();
    if (!loaded && !model.isDemo()) text += tr("; assumes the ESM-MSA-1b size until the model is loaded");
    text += QStringLiteral("</small>");

    if (config.maxRows() > 0 && rows > config.maxRows()) {
        refusal_ = tr("The model takes at most %1 rows; %2 are asked for. Use at most %1 rows.")
                       .arg(config.maxRows())
                       .arg(rows);
    } else if (width > config.maxPositions) {
        refusal_ = tr("The alignment has %1 columns, more than the model's %2 positions. "
                      "Cut the alignment to at most %2 columns.")
                       .arg(msa->width())
                       .arg(config.maxPositions);
    } else if (available > 0 && e.additionalBytes > kMemoryShare * available) {
        const int64_t fit = maxRowsWithin(config, width, threads_->value(), state, kMemoryShare * available);
        refusal_ = fit > 0 ? tr("This run needs about %1 but only %2 is available. Use at most %3 rows.")
                                 .arg(formatBytes(e.bytes), formatBytes(available))
                                 .arg(fit)
                           : tr("This run needs about %1 but only %2 is available, even with one row. "
                                "Close other programs or use a shorter alignment.")
                                 .arg(formatBytes(e.bytes), formatBytes(available));
    }
    if (!refusal_.isEmpty())
        text += tr("<br><span style='color:#b00000'><b>Not possible:</b> %1</span>").arg(refusal_.toHtmlEscaped());
    estimate_->setText(text);
    run_->setEnabled(refusal_.isEmpty() && !controller_->isRunning());
}

void RunPanel::startRun() {
    updateEstimate();
    if (!refusal_.isEmpty() || controller_->isRunning() || !session_->msa()) return;
    outcome_->clear();
    controller_->start(rowSelection(), threads_->value());
}

RowSelection RunPanel::rowSelection() const {
    RowSelection rows;
    rows.maxRows = size_t(rows_->value());
    rows.mode = parseSubsampleMode(mode_->currentData().toString().toStdString(), "the row choice");
    return rows;
}

void RunPanel::setRowSelection(const RowSelection& rows) {
    if (rows.maxRows > 0) rows_->setValue(int(std::min<size_t>(rows.maxRows, size_t(rows_->maximum()))));
    mode_->setCurrentIndex(mode_->findData(QString::fromStdString(subsampleModeName(rows.mode))));
}

void RunPanel::setThreads(int threads) { threads_->setValue(threads); }

void RunPanel::setRunning(bool running) {
    run_->setEnabled(!running && refusal_.isEmpty() && session_->msa());
    cancel_->setEnabled(running);
    progress_->setVisible(running);
    rows_->setEnabled(!running);
    mode_->setEnabled(!running);
    threads_->setEnabled(!running);
    if (running) {
        progress_->setValue(0);
        stage_->setText(tr("Starting\u2026"));
    }
}

}  // namespace axs::ui
