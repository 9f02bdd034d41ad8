// MainWindow's saved analyses: File ▸ Save Analysis… / Open Analysis…, opening a folder
// given on the command line or dropped, and the question before closing a window whose
// results were not saved (a long run is not lost by closing it).
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "common/error.hpp"
#include "contactmap/contact_map_view.hpp"
#include "contacts/contact_prediction.hpp"
#include "files/file_opener.hpp"
#include "mainwindow/main_window.hpp"
#include "mainwindow/recent_files.hpp"
#include "session/analysis_io.hpp"
#include "session/session.hpp"

namespace axs::ui {

void MainWindow::saveAnalysis(const QString& dir) {
    if (!session_->msa()) failFile(dir.toStdString(), "nothing to save: open an alignment first");
    axs::saveAnalysis(dir.toStdString(), documentOf(*session_, viewState(), "axialscope " AXS_VERSION));
    unsavedResults_ = false;
    recent_->add(dir);
    statusBar()->showMessage(tr("Saved the analysis to %1").arg(dir), 8000);
}

void MainWindow::openAnalysis(const QString& path) { opener_->open(path); }

void MainWindow::showAnalysis(const QString& path, const AnalysisDocument& doc) {
    applyDocument(*session_, doc);
    applyViewState(doc.view);
    unsavedResults_ = false;
    recent_->add(path);
    if (const RunResultPtr run = session_->run(); run && !session_->modelWithWeights(run->model))
        statusBar()->showMessage(tr("Opened %1 without running anything; column attention needs the model %2.")
                                     .arg(QFileInfo(path).fileName(), QString::fromStdString(run->model.label)),
                                 15000);
    emit analysisOpened(path);
}

void MainWindow::chooseAnalysisToSave() {
    QSettings settings;
    const auto msa = session_->msa();
    const QString suggestion =
        msa ? QFileInfo(QString::fromStdString(msa->sourcePath)).completeBaseName() + QStringLiteral("_analysis")
            : QStringLiteral("analysis");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Analysis (a folder)"),
        settings.value(QStringLiteral("analysisDir")).toString() + QLatin1Char('/') + suggestion,
        tr("AxialScope analysis folder (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) return;
    settings.setValue(QStringLiteral("analysisDir"), QFileInfo(path).absolutePath());
    if (QFileInfo(path).isDir() && QFileInfo(path + QStringLiteral("/analysis.json")).isFile() &&
        QMessageBox::question(this, tr("Replace the saved analysis?"),
                              tr("%1 holds a saved analysis. Replace it?").arg(path)) != QMessageBox::Yes)
        return;
    try {
        saveAnalysis(path);
    } catch (const axs::Error& e) {
        showError(tr("Cannot save the analysis"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::chooseAnalysisToOpen() {
    QSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Analysis (a folder with analysis.json)"),
                                                          settings.value(QStringLiteral("analysisDir")).toString());
    if (dir.isEmpty()) return;
    settings.setValue(QStringLiteral("analysisDir"), QFileInfo(dir).absolutePath());
    openAnalysis(dir);
}

void MainWindow::chooseComparisonToImport() {
    const auto msa = session_->msa();
    if (!msa) return showError(tr("Import contacts"), tr("Open an alignment first: the positions refer to its query."));
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a Contact Prediction"),
                                                      settings.value(QStringLiteral("lastDir")).toString());
    if (!path.isEmpty()) importComparison(path);
}

void MainWindow::importComparison(const QString& path) {
    try {
        const ContactPrediction p = readContactPrediction(path.toStdString(), session_->msa()->width());
        TensorF scores(p.scores.shape);
        for (size_t k = 0; k < scores.size(); ++k) scores.data[k] = float(p.scores.data[k]);
        session_->addComparison(
            {QStringLiteral("%1 (%2)").arg(QFileInfo(path).fileName(), QString::fromStdString(p.format)), scores});
        contactView_->setLowerSource(int(session_->comparisons().size()) +
                                     (session_->run() && session_->coevolution()));
        showView(View::Contacts);
    } catch (const axs::Error& e) {
        showError(tr("Cannot import %1").arg(QFileInfo(path).fileName()), QString::fromUtf8(e.what()));
    }
}

bool MainWindow::mayClose() {
    if (!unsavedResults_ || QApplication::platformName() == QLatin1String("offscreen")) return true;
    const auto answer = QMessageBox::question(
        this, tr("Save the analysis?"),
        tr("The results of this window (runs, coevolution, comparisons) are not saved. Save them as an analysis "
           "before closing?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        chooseAnalysisToSave();
        return !unsavedResults_;
    }
    return true;
}

}  // namespace axs::ui
