#include "mainwindow/main_window.hpp"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "attention/attention_explorer.hpp"
#include "coevolution/coevolution_contacts.hpp"
#include "coevolution/coevolution_controller.hpp"
#include "coevolution/coevolution_panel.hpp"
#include "common/error.hpp"
#include "contactmap/contact_map_view.hpp"
#include "download/official_model.hpp"
#include "files/file_kind.hpp"
#include "files/file_opener.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/contact_view_update.hpp"
#include "mainwindow/example_files.hpp"
#include "mainwindow/export_action.hpp"
#include "mainwindow/model_banner.hpp"
#include "mainwindow/recent_files.hpp"
#include "mainwindow/structure_links.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "plot/heatmap_widget.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"
#include "structure3d/structure_view.hpp"

namespace axs::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      session_(new Session(this)),
      selection_(new SelectionModel(this)),
      opener_(new FileOpener(this)),
      runController_(new RunController(session_, this)),
      coevolution_(new CoevolutionController(session_, this)),
      recent_(new RecentFiles(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    resize(1280, 820);
    session_->setModel(findModel());
    createViews();
    createMenus();
    createStatusBar();
    connectSession();
    linkSelection();

    connect(opener_, &FileOpener::msaOpened, this, [this](const QString& path, std::shared_ptr<const Msa> msa) {
        session_->setMsa(std::move(msa));
        recent_->add(path);
        showView(View::Alignment);
        emit fileOpened(path);
    });
    connect(opener_, &FileOpener::structureOpened, this,
            [this](const QString& path, std::shared_ptr<const ProteinStructure> structure) {
                session_->setStructure(std::move(structure));
                recent_->add(path);
                emit fileOpened(path);
            });
    connect(opener_, &FileOpener::checkpointOpened, this, [this](const QString& path, const LoadedModel& model) {
        const bool official = QFileInfo(path).canonicalFilePath() == QFileInfo(officialModelPath()).canonicalFilePath();
        useModel({official ? ModelChoice::Kind::Official : ModelChoice::Kind::File, path}, model);
        if (!official) recent_->add(path);
        emit fileOpened(path);
    });
    connect(opener_, &FileOpener::failed, this, [this](const QString& path, const QString& message) {
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), message);
    });
    connect(opener_, &FileOpener::analysisOpened, this,
            [this](const QString& path, std::shared_ptr<const AnalysisDocument> doc) { showAnalysis(path, *doc); });
    connect(recent_, &RecentFiles::openRequested, this, [this](const QString& path) { openFiles({path}); });
    // Results not saved yet make closing the window ask first.
    const auto resultsChanged = [this] {
        unsavedResults_ = session_->run() || session_->coevolution() || !session_->comparisons().empty();
    };
    connect(session_, &Session::runChanged, this, resultsChanged);
    connect(session_, &Session::coevolutionChanged, this, resultsChanged);
    connect(session_, &Session::comparisonsChanged, this, resultsChanged);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews() {
    banner_ = new ModelBanner(this);
    msaPanel_ = new MsaPanel(this);
    attentionExplorer_ = new AttentionExplorer(this);
    attentionView_ = attentionExplorer_;
    contactView_ = new ContactMapView(this);
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(msaPanel_, tr("Alignment"));
    tabs_->addTab(attentionView_, tr("Attention"));
    tabs_->addTab(contactView_, tr("Contacts"));
    headsView_ = new HeadScoresView(this);
    tabs_->addTab(headsView_, tr("Heads"));
    structureView_ = new StructureView(this);
    tabs_->addTab(structureView_, tr("Structure"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(banner_);
    layout->addWidget(tabs_, 1);
    setCentralWidget(central);

    runPanel_ = new RunPanel(session_, runController_, this);
    runDock_ = new QDockWidget(tr("Run"), this);
    runDock_->setObjectName(QStringLiteral("runDock"));
    // The dock holds the model run and, below it, contacts from coevolution (no model needed).
    coevolutionPanel_ = new CoevolutionPanel(session_, coevolution_, this);
    auto* coevolutionBox = new QGroupBox(tr("Coevolution (no model)"), this);
    (new QVBoxLayout(coevolutionBox))->addWidget(coevolutionPanel_);
    auto* dockContent = new QWidget(this);
    auto* dockLayout = new QVBoxLayout(dockContent);
    dockLayout->setContentsMargins(0, 0, 0, 0);
    dockLayout->addWidget(runPanel_);
    dockLayout->addWidget(coevolutionBox);
    dockLayout->addStretch(1);
    runDock_->setWidget(dockContent);
    runDock_->setMinimumWidth(280);
    addDockWidget(Qt::RightDockWidgetArea, runDock_);

    connectContactView();
    linkSelectionAndStructure(selection_, structureView_);
    // A head clicked in the scores opens in the attention explorer.
    connect(headsView_, &HeadScoresView::headActivated, this, [this](int layer, int head) {
        attentionExplorer_->showHead(layer, head);
        attentionExplorer_->showTab(AttentionExplorer::Tab::RowAttention);
        showView(View::Attention);
    });
    connect(banner_, &ModelBanner::locateRequested, this, &MainWindow::locateModel);
    connect(banner_, &ModelBanner::modelDownloaded, this, [this](const QString& path) { openFiles({path}); });
    connect(msaPanel_->grid(), &MsaGridView::queryRowRequested, this, &MainWindow::useRowAsQuery);
    // The explorer follows the column clicked in the alignment.
    connect(msaPanel_->grid(), &MsaGridView::columnSelected, attentionExplorer_, &AttentionExplorer::setSelectedColumn);
}

void MainWindow::useRowAsQuery(int row) {
    const auto msa = session_->msa();
    if (!msa || row <= 0) return;
    try {
        const QString name =
            size_t(row) < msa->names.size() ? QString::fromStdString(msa->names[size_t(row)]) : QString();
        session_->useRowAsQuery(size_t(row));
        statusBar()->showMessage(tr("Row %1%2 is now the query (moved to the top); run the model again for it.")
                                     .arg(row + 1)
                                     .arg(name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(name)),
                                 10000);
    } catch (const axs::Error& e) {
        showError(tr("Cannot change the query"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::useChain(const QString& id) {
    try {
        session_->setChainId(id.toStdString());
    } catch (const axs::Error& e) {
        showError(tr("Cannot use this chain"), QString::fromUtf8(e.what()));
    }
}

QWidget* MainWindow::viewWidget(View view) const { return tabs_->widget(int(view)); }
void MainWindow::showView(View view) { tabs_->setCurrentIndex(int(view)); }

void MainWindow::connectSession() {
    connect(session_, &Session::msaChanged, this, [this] {
        msaPanel_->grid()->setMsa(session_->msa());
        rebuildContactView();
        updateStructureView(*structureView_, *session_);
        const auto msa = session_->msa();
        msaStatus_->setText(msa ? tr("%1: %2 \u00d7 %3 (%4)")
                                      .arg(QFileInfo(QString::fromStdString(msa->sourcePath)).fileName())
                                      .arg(msa->depth())
                                      .arg(msa->width())
                                      .arg(QString::fromStdString(msa->format))
                                : tr("no alignment"));
        updateTitle();
    });
    connect(session_, &Session::structureChanged, this, [this] {
        const auto s = session_->structure();
        structureStatus_->setText(
            s ? tr("structure: %1").arg(QFileInfo(QString::fromStdString(s->sourcePath)).fileName()) : QString());
        rebuildContactView();
        updateStructureView(*structureView_, *session_);
    });
    connect(session_, &Session::runChanged, this, [this] {
        const RunResultPtr run = session_->run();
        structureView_->setRun(run);
        msaPanel_->grid()->setKeptRows(run ? run->keptRows : std::vector<size_t>{});
        attentionExplorer_->setRun(run);
        attentionExplorer_->setModel(run ? session_->modelWithWeights(run->model) : nullptr);
        headsView_->setRun(run);
        rebuildContactView();
    });
    connect(session_, &Session::coevolutionChanged, this, &MainWindow::rebuildContactView);
    connect(session_, &Session::comparisonsChanged, this, &MainWindow::rebuildContactView);
    connect(coevolution_, &CoevolutionController::finished, this, [this] {
        // Beside a model prediction the coevolution result is comparison 1: show it below.
        if (session_->run() && session_->run()->contacts.size()) contactView_->setLowerSource(1);
        showView(View::Contacts);
    });
    connect(coevolution_, &CoevolutionController::failed, this,
            [this](const QString& message) { showError(tr("Coevolution failed"), message); });
    connect(session_, &Session::modelChanged, this, &MainWindow::updateModelStatus);
    // Column attention of a run needs its own model: it may be loaded after the run was opened.
    connect(session_, &Session::loadedModelChanged, this, [this] {
        const RunResultPtr run = session_->run();
        attentionExplorer_->setModel(run ? session_->modelWithWeights(run->model) : nullptr);
    });
}

// The contact map is rebuilt from the session whenever what it shows changes (the view has
// no way to drop a prediction or comparison); the user's settings carry over.
void MainWindow::rebuildContactView() {
    const int index = tabs_->indexOf(contactView_);
    const bool current = tabs_->currentIndex() == index;
    auto* view = new ContactMapView(this);
    view->setRange(contactView_->range());
    view->setRule(contactView_->rule());
    view->setColorMap(contactView_->heatmap()->colorMap());
    const int lower = contactView_->lowerSource();
    const QString lowerName = contactView_->lowerSourceName();
    tabs_->removeTab(index);
    tabs_->insertTab(index, view, tr("Contacts"));
    contactView_->deleteLater();
    contactView_ = view;
    connectContactView();
    if (current) tabs_->setCurrentIndex(index);

    const QString warning = fillContactView(*contactView_, *session_);
    if (!warning.isEmpty()) statusBar()->showMessage(warning, 15000);
    const int byName = contactView_->findLowerSource(lowerName);
    contactView_->setLowerSource(byName >= 0 ? byName : lower);
    refreshResidueLabels();
    showSelectedResidues();
    QString label, ignored;
    if (const auto truth = sessionTruth(*session_, &label, &ignored))
        headsView_->setTruth(truth->map);
    else
        headsView_->clearTruth();
}

void MainWindow::connectContactView() {
    // A clicked pair is the selection of every view (selection_links.cpp).
    connect(contactView_, &ContactMapView::contactClicked, selection_, &SelectionModel::selectPair);
    showContactMapPairsInStructure(contactView_, structureView_);
}

void MainWindow::createStatusBar() {
    msaStatus_ = new QLabel(tr("no alignment"), this);
    structureStatus_ = new QLabel(this);
    modelStatus_ = new QLabel(this);
    modelStatus_->setObjectName(QStringLiteral("modelStatus"));
    statusBar()->addPermanentWidget(msaStatus_);
    statusBar()->addPermanentWidget(structureStatus_);
    statusBar()->addPermanentWidget(modelStatus_);
    updateModelStatus();
}

void MainWindow::updateModelStatus() {
    const ModelChoice& model = session_->model();
    modelStatus_->setText(model.isDemo()
                              ? QStringLiteral("<span style='color:#b35900'><b>%1</b></span>").arg(demoModelWarning())
                              : tr("model: %1").arg(model.label()));
    modelStatus_->setToolTip(model.path);
    banner_->setVisible(model.isDemo() || banner_->isDownloading());
}

void MainWindow::updateTitle() {
    const auto msa = session_->msa();
    const QString file = msa ? QFileInfo(QString::fromStdString(msa->sourcePath)).fileName() : QString();
    setWindowTitle(file.isEmpty() ? QStringLiteral("AxialScope") : QStringLiteral("%1 \u2014 AxialScope").arg(file));
}

void MainWindow::openFiles(const QStringList& paths) {
    for (const QString& path : paths) opener_->open(path);
}

void MainWindow::openBundledExample() {
    const QStringList paths = bundledExamplePaths();
    if (paths.isEmpty()) {
        showError(tr("Example"),
                  tr("The bundled example was not found in %1/examples (is AxialScope fully installed?).")
                      .arg(QDir::toNativeSeparators(installedDataDir())));
        return;
    }
    openFiles(paths);
}

void MainWindow::chooseFilesToOpen() {
    QSettings settings;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open"), settings.value(QStringLiteral("lastDir")).toString(), openDialogFilter());
    if (paths.isEmpty()) return;
    settings.setValue(QStringLiteral("lastDir"), QFileInfo(paths.front()).absolutePath());
    openFiles(paths);
}

void MainWindow::locateModel() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Locate the ESM-MSA-1b model"), hubCheckpointsDir(),
                                                      tr("Model checkpoints (*.pt *.pth);;All files (*)"));
    if (!path.isEmpty()) openFiles({path});  // checkpointOpened remembers it once it loaded
}

void MainWindow::exportCurrentView() {
    try {
        const QString path = exportWithDialog(this, tabs_->currentWidget(), *session_);
        if (!path.isEmpty()) statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    } catch (const axs::Error& e) {
        showError(tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::useModel(const ModelChoice& choice, LoadedModel loaded) {
    session_->setModel(choice);
    if (loaded.model) {
        loaded.identity.label = choice.label().toStdString();
        session_->setLoadedModel(choice, std::move(loaded));
    }
    rememberModelPath(choice.kind == ModelChoice::Kind::File ? choice.path : QString());
    updateModelStatus();
    runPanel_->updateEstimate();
}

void MainWindow::showError(const QString& title, const QString& message) {
    // Window-modal but not blocking, so a queue of bad files does not nest event loops.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(message, 10000);
    emit errorShown(message);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        for (const QUrl& url : event->mimeData()->urls())
            if (url.isLocalFile()) return event->acceptProposedAction();
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    if (paths.isEmpty()) return event->ignore();
    event->acceptProposedAction();
    openFiles(paths);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!mayClose()) return event->ignore();
    runController_->cancel();
    coevolution_->cancel();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

}  // namespace axs::ui
