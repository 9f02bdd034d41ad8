// The workbench window. Thin on purpose: it composes the views (alignment grid, attention
// explorer, contact map, run panel, model banner), wires them to the Session, and owns
// the menus, the status bar, drag & drop and error reporting. The views do the work.
#pragma once

#include <QMainWindow>
#include <QStringList>
#include <memory>

#include "selection/residue_labels.hpp"
#include "session/model_choice.hpp"
#include "workflow/analysis_document.hpp"

class QLabel;
class QTabWidget;
class QDockWidget;
class QMenu;

namespace axs::ui {

class AttentionExplorer;
class CoevolutionController;
class CoevolutionPanel;
class ContactMapView;
class FileOpener;
class HeadScoresView;
class ModelBanner;
class MsaPanel;
class RecentFiles;
class RunController;
class RunPanel;
class SelectionModel;
class Session;
class StructureView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class View { Alignment = 0, Attention = 1, Contacts = 2, Heads = 3, Structure = 4 };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return session_; }
    MsaPanel* msaPanel() const { return msaPanel_; }
    RunPanel* runPanel() const { return runPanel_; }
    RunController* runController() const { return runController_; }
    CoevolutionController* coevolutionController() const { return coevolution_; }
    CoevolutionPanel* coevolutionPanel() const { return coevolutionPanel_; }
    ContactMapView* contactView() const { return contactView_; }
    StructureView* structureView() const { return structureView_; }
    HeadScoresView* headsView() const { return headsView_; }
    AttentionExplorer* attentionExplorer() const { return attentionExplorer_; }
    ModelBanner* modelBanner() const { return banner_; }
    FileOpener* fileOpener() const { return opener_; }
    /// The residues, pair and head every view shows (mainwindow/selection_links.cpp).
    SelectionModel* selection() const { return selection_; }
    QWidget* viewWidget(View view) const;
    void showView(View view);

    /// Opens alignments, structures and checkpoints (kind sniffed from content). Each file
    /// that cannot be read gets a message box naming it and the problem; nothing else changes.
    void openFiles(const QStringList& paths);
    /// Opens the bundled 1a3a alignment and structure.
    void openBundledExample();
    /// Makes row `row` (0-based) of the open alignment its query (moved to the front; the
    /// last run is dropped) and says so in the status bar.
    void useRowAsQuery(int row);
    /// Takes the true contacts from chain `id` (author id) of the open structure.
    void useChain(const QString& id);

    /// What the views show (tab, layer/head, colours, marks, settings), for saved analyses
    /// (mainwindow/view_state.cpp).
    AnalysisViewState viewState() const;
    void applyViewState(const AnalysisViewState& state);

    /// Saves the session and the views' state as an analysis folder
    /// (workflow/analysis_document.hpp). Throws axs::Error naming the folder; nothing is
    /// written then.
    void saveAnalysis(const QString& dir);
    /// Opens a saved analysis (a folder with analysis.json, or that file) in a Job and
    /// shows it when read: every view as saved, no model run. A damaged analysis gets a
    /// message box naming the problem; nothing changes then. Emits analysisOpened.
    void openAnalysis(const QString& path);
    /// Reads another tool's contact prediction (any format of contacts/contact_prediction.hpp)
    /// into the session as a comparison and shows it in the contact map's lower triangle.
    void importComparison(const QString& path);

signals:
    void fileOpened(const QString& path);
    /// A saved analysis was read and is shown.
    void analysisOpened(const QString& path);
    /// Emitted with the text of every error message box (tests and logs listen).
    void errorShown(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createViews();
    void createMenus();
    void fillChainMenu(QMenu* menu);
    void createStatusBar();
    void connectSession();
    void rebuildContactView();
    void connectContactView();
    void linkSelection();
    void showSelectedResidues();
    void refreshResidueLabels();
    void showError(const QString& title, const QString& message);
    void chooseFilesToOpen();
    void chooseAnalysisToSave();
    void chooseAnalysisToOpen();
    void showAnalysis(const QString& path, const AnalysisDocument& doc);
    void chooseComparisonToImport();
    /// Asks before a window with unsaved results closes; false: stay open.
    bool mayClose();
    void locateModel();
    void exportCurrentView();
    void useModel(const ModelChoice& choice, LoadedModel loaded);
    void updateModelStatus();
    void updateTitle();

    Session* session_;
    SelectionModel* selection_;
    ResidueLabels residueLabels_;
    FileOpener* opener_;
    RunController* runController_;
    CoevolutionController* coevolution_;
    RecentFiles* recent_;
    ModelBanner* banner_ = nullptr;
    MsaPanel* msaPanel_ = nullptr;
    RunPanel* runPanel_ = nullptr;
    CoevolutionPanel* coevolutionPanel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    AttentionExplorer* attentionExplorer_ = nullptr;
    QWidget* attentionView_ = nullptr;
    ContactMapView* contactView_ = nullptr;
    HeadScoresView* headsView_ = nullptr;
    StructureView* structureView_ = nullptr;
    QDockWidget* runDock_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QLabel* msaStatus_ = nullptr;
    QLabel* structureStatus_ = nullptr;
    QLabel* modelStatus_ = nullptr;
    bool unsavedResults_ = false;  ///< a run, coevolution result or comparison not saved yet
};

}  // namespace axs::ui
