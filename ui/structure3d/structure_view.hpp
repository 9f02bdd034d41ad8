// The Structure tab: the loaded structure in 3D (Cα tube coloured by residue index, chain
// or conservation) with the marked pairs drawn on the fold between virtual Cβ atoms — the
// contact map's top-k predicted contacts, or a chosen head's strongest row-attention pairs
// (raw P + Pᵀ or APC), ranked with the same rule and k (metrics/contact_ranking.hpp) and
// coloured green / red / grey by verdict. Rotate, zoom, pan, reset, centre on a residue;
// clicking picks a residue or pair. Exports the view as PNG and the pairs as ChimeraX,
// PyMOL and MolViewSpec scripts (viewers/viewer_scripts.hpp).
//
// The view knows nothing of the other views: it is fed through setters and reports picks
// through signals; ui/mainwindow/structure_links.cpp wires it to the contact map and grid.
// Without an OpenGL context (e.g. QT_QPA_PLATFORM=offscreen) it says so in place of the
// drawing; everything else (pairs, picking through pickAt, script exports) still works.
#pragma once

#include <QWidget>
#include <memory>
#include <optional>
#include <utility>

#include "metrics/contact_ranking.hpp"
#include "session/run_result.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "structure3d/orbit_camera.hpp"
#include "structure3d/structure_scene.hpp"
#include "viewers/viewer_pairs.hpp"

class QComboBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace axs::ui {

class StructureGlWidget;

class StructureView : public QWidget {
    Q_OBJECT
public:
    enum class PairSource { Contacts, Attention };

    explicit StructureView(QWidget* parent = nullptr);

    /// The structure, the chain the query maps onto (author id) and the query (MSA row 0,
    /// gaps allowed; "" = no alignment: the fold is shown without pairs). Never throws:
    /// problems are shown in the view.
    void setStructure(std::shared_ptr<const ProteinStructure> structure, const std::string& chainId,
                      const std::string& query);
    void clearStructure();

    /// The contact map's marked pairs (query positions) and the rule they were chosen by;
    /// the rule also chooses the attention pairs.
    void setContactSelection(const ContactSelection& selection, const QString& label, SeparationRange range,
                             const ContactSelectionRule& rule);
    void clearContactSelection();
    /// The run whose row attention can be drawn (nullptr: none).
    void setRun(RunResultPtr run);
    void setPairSource(PairSource source);
    /// 0-based layer and head; apc: symmetrised + APC, else raw P + Pᵀ.
    void setAttentionHead(int layer, int head, bool apc);
    void setColoring(ResidueColoring coloring);
    /// Per query position, 0..1 (alignment column conservation).
    void setConservation(std::vector<float> values);

    /// Highlights (query positions); -1 clears. Do not emit the pick signals.
    void setHighlightedPair(int i, int j);
    void setHighlightedResidue(int position);
    std::optional<std::pair<int, int>> highlightedPair() const { return highlightedPair_; }
    int highlightedResidue() const { return highlightedResidue_; }

    /// Centres the camera on a query position's Cα (no-op when unmapped).
    void centerOnResidue(int position);
    void resetView();
    /// Picks at a pixel of the drawing (as a click does): highlights and emits residuePicked
    /// or pairPicked. Returns what was hit.
    ScenePick pickAt(const QPointF& pixel);

    const StructureScene& scene() const { return scene_; }
    const OrbitCamera& camera() const { return camera_; }
    /// Size of the drawing in pixels (the GL widget's, else the placeholder's).
    QSize viewportSize() const;
    /// The pairs currently drawn, as the scripts name them (structure's author numbering).
    ViewerScene viewerScene() const;
    /// One line describing the drawn pairs ("145 top-L long-range contacts of …").
    QString pairsDescription() const { return pairsDescription_; }
    QString infoText() const;
    bool hasOpenGl() const { return gl_ != nullptr; }
    StructureGlWidget* glWidget() const { return gl_; }

    /// Writes the drawing as PNG at `dpi` (size scaled from 96 DPI), atomically. Throws
    /// axs::Error naming the file (also when there is no OpenGL context).
    void exportImage(const QString& path, int dpi) const;
    /// Writes the drawn pairs as a .cxc / .pml / .mvsj script (by extension), atomically.
    void exportScript(const QString& path) const;

signals:
    void residuePicked(int position);  ///< 0-based query position
    void pairPicked(int i, int j);     ///< 0-based query positions, i < j

private:
    void rebuildPairs();
    void rebuildMesh();
    void updateInfo();
    void showMessage(const QString& text);
    void exportWithDialog(const QString& filter, const QString& suffix);

    std::shared_ptr<const ProteinStructure> structure_;
    int activeChain_ = -1;
    std::optional<QueryMapping> mapping_;
    std::optional<QueryContactMap> truth_;
    QString structureProblem_;
    ContactSelection contactSelection_;
    QString contactLabel_;
    bool haveContacts_ = false;
    SeparationRange range_ = SeparationRange::Long;
    ContactSelectionRule rule_;
    RunResultPtr run_;
    PairSource source_ = PairSource::Contacts;
    int layer_ = 0, head_ = 0;
    bool apc_ = true;
    ResidueColoring coloring_ = ResidueColoring::Index;
    std::vector<RankedContact> drawn_;
    QString pairsDescription_;
    QString pickText_;
    std::optional<std::pair<int, int>> highlightedPair_;
    int highlightedResidue_ = -1;

    StructureScene scene_;
    OrbitCamera camera_;
    StructureGlWidget* gl_ = nullptr;
    QLabel* placeholder_ = nullptr;
    QComboBox* colorBox_;
    QComboBox* sourceBox_;
    QSpinBox* layerBox_;
    QSpinBox* headBox_;
    QComboBox* modeBox_;
    QSpinBox* centreBox_;
    QToolButton* exportButton_;
    QLabel* info_;
};

}  // namespace axs::ui
