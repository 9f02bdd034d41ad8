#include "structure3d/structure_view.hpp"

#include <QBuffer>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "attention/attention_maps.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "contactmap/contact_selection.hpp"
#include "export/figure_export.hpp"
#include "structure3d/scene_mesh.hpp"
#include "structure3d/structure_gl_widget.hpp"
#include "viewers/viewer_scripts.hpp"
#include "workflow/structure_truth.hpp"

namespace axs::ui {

namespace {

constexpr float kTubeRadius = 0.45f;        // Å, the Cα tube
const QColor kHighlight(0xff, 0xc8, 0x00);  // picked pair / residue: amber, apart from green and red
const QColor kBackground(0xff, 0xff, 0xff);

TensorD toDouble(const TensorF& t) {
    TensorD d(t.shape);
    for (size_t k = 0; k < t.size(); ++k) d.data[k] = t.data[k];
    return d;
}

QString topName(const ContactSelectionRule& rule) {
    if (rule.kind == ContactSelectionRule::Kind::Threshold) return QObject::tr("score ≥ %1").arg(rule.threshold);
    if (std::abs(rule.fraction - 1) < 1e-9) return QStringLiteral("top L");
    if (std::abs(rule.fraction - 0.5) < 1e-9) return QStringLiteral("top L/2");
    if (std::abs(rule.fraction - 0.2) < 1e-9) return QStringLiteral("top L/5");
    return QObject::tr("top %1·L").arg(rule.fraction);
}

}  // namespace

StructureView::StructureView(QWidget* parent)
    : QWidget(parent),
      colorBox_(new QComboBox(this)),
      sourceBox_(new QComboBox(this)),
      layerBox_(new QSpinBox(this)),
      headBox_(new QSpinBox(this)),
      modeBox_(new QComboBox(this)),
      centreBox_(new QSpinBox(this)),
      exportButton_(new QToolButton(this)),
      info_(new QLabel(this)) {
    colorBox_->addItem(tr("residue index"), int(ResidueColoring::Index));
    colorBox_->addItem(tr("chain"), int(ResidueColoring::Chain));
    colorBox_->addItem(tr("conservation"), int(ResidueColoring::Conservation));
    sourceBox_->addItem(tr("predicted contacts"), int(PairSource::Contacts));
    sourceBox_->addItem(tr("row attention"), int(PairSource::Attention));
    layerBox_->setPrefix(tr("layer "));
    headBox_->setPrefix(tr("head "));
    layerBox_->setToolTip(tr("Layer of the row attention (1-based as shown)"));
    modeBox_->addItem(tr("APC"), true);
    modeBox_->addItem(tr("raw (P + Pᵀ)"), false);
    for (QSpinBox* b : {layerBox_, headBox_}) b->setRange(1, 1);
    centreBox_->setRange(0, 0);
    centreBox_->setSpecialValueText(tr("–"));
    centreBox_->setToolTip(tr("Centre the view on this query position"));
    auto* reset = new QPushButton(tr("Reset view"), this);
    exportButton_->setText(tr("Export"));
    exportButton_->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exportButton_);
    menu->addAction(tr("Image (PNG)…"), this, [this] { exportWithDialog(tr("PNG image (*.png)"), "png"); });
    menu->addAction(tr("ChimeraX command file (.cxc)…"), this,
                    [this] { exportWithDialog(tr("ChimeraX commands (*.cxc)"), "cxc"); });
    menu->addAction(tr("PyMOL script (.pml)…"), this, [this] { exportWithDialog(tr("PyMOL script (*.pml)"), "pml"); });
    menu->addAction(tr("Mol* MolViewSpec scene (.mvsj)…"), this,
                    [this] { exportWithDialog(tr("MolViewSpec scene (*.mvsj)"), "mvsj"); });
    exportButton_->setMenu(menu);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Colour"), this));
    controls->addWidget(colorBox_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Draw"), this));
    controls->addWidget(sourceBox_);
    controls->addWidget(layerBox_);
    controls->addWidget(headBox_);
    controls->addWidget(modeBox_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Centre on"), this));
    controls->addWidget(centreBox_);
    controls->addWidget(reset);
    controls->addStretch(1);
    controls->addWidget(exportButton_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    if (StructureGlWidget::openGlAvailable()) {
        gl_ = new StructureGlWidget(&camera_, this);
        gl_->setBackground(kBackground);
        layout->addWidget(gl_, 1);
        connect(gl_, &StructureGlWidget::clicked, this, [this](QPointF p) { pickAt(p); });
        connect(gl_, &StructureGlWidget::doubleClicked, this, [this](QPointF p) {
            const ScenePick pick = pickAt(p);
            if (pick.kind == ScenePick::Kind::Residue) {
                camera_.centerOn(scene_.residues()[size_t(pick.index)].ca);
                gl_->update();
            }
        });
    } else {
        placeholder_ = new QLabel(this);
        placeholder_->setObjectName(QStringLiteral("noOpenGlMessage"));
        placeholder_->setAlignment(Qt::AlignCenter);
        placeholder_->setWordWrap(true);
        placeholder_->setMinimumSize(200, 200);
        placeholder_->setText(
            tr("<b>The 3D view needs OpenGL, and none is available here</b><br>(display platform “%1”).<br><br>"
               "Run AxialScope on a desktop or under Xvfb with Mesa to see the fold. The pairs below can still be "
               "exported for ChimeraX, PyMOL or Mol* (Export).")
                .arg(QGuiApplication::platformName()));
        layout->addWidget(placeholder_, 1);
    }
    info_->setWordWrap(true);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(info_);

    connect(colorBox_, &QComboBox::currentIndexChanged, this,
            [this] { setColoring(ResidueColoring(colorBox_->currentData().toInt())); });
    connect(sourceBox_, &QComboBox::currentIndexChanged, this,
            [this] { setPairSource(PairSource(sourceBox_->currentData().toInt())); });
    const auto headChanged = [this] {
        setAttentionHead(layerBox_->value() - 1, headBox_->value() - 1, modeBox_->currentData().toBool());
    };
    connect(layerBox_, &QSpinBox::valueChanged, this, headChanged);
    connect(headBox_, &QSpinBox::valueChanged, this, headChanged);
    connect(modeBox_, &QComboBox::currentIndexChanged, this, headChanged);
    connect(centreBox_, &QSpinBox::valueChanged, this, [this](int v) {
        if (v > 0) centerOnResidue(v - 1);
    });
    connect(reset, &QPushButton::clicked, this, &StructureView::resetView);
    for (QWidget* w :
         {static_cast<QWidget*>(layerBox_), static_cast<QWidget*>(headBox_), static_cast<QWidget*>(modeBox_)})
        w->setEnabled(false);
    updateInfo();
}

void StructureView::setStructure(std::shared_ptr<const ProteinStructure> structure, const std::string& chainId,
                                 const std::string& query) {
    structure_ = std::move(structure);
    mapping_.reset();
    truth_.reset();
    structureProblem_.clear();
    activeChain_ = -1;
    scene_.clear();
    if (structure_) {
        for (size_t c = 0; c < structure_->chains.size(); ++c)
            if (structure_->chains[c].id == chainId) activeChain_ = int(c);
        try {
            if (activeChain_ >= 0 && !query.empty()) {
                const StructureChain& chain = structure_->chains[size_t(activeChain_)];
                StructureTruth truth = truthForQuery(query, chain);  // as the contact map and evaluate build it
                mapping_ = std::move(truth.mapping);
                truth_ = std::move(truth.map);
            }
        } catch (const axs::Error& e) {
            structureProblem_ = QString::fromUtf8(e.what());
        }
        scene_.setStructure(*structure_, activeChain_, mapping_ ? &*mapping_ : nullptr);
        camera_.fit(scene_.center(), scene_.radius());
    }
    centreBox_->setRange(0, mapping_ ? int(mapping_->residueIndex.size()) : 0);
    rebuildPairs();
}

void StructureView::clearStructure() { setStructure(nullptr, {}, {}); }

void StructureView::setContactSelection(const ContactSelection& selection, const QString& label, SeparationRange range,
                                        const ContactSelectionRule& rule) {
    contactSelection_ = selection;
    contactLabel_ = label;
    haveContacts_ = true;
    range_ = range;
    rule_ = rule;
    rebuildPairs();
}

void StructureView::clearContactSelection() {
    contactSelection_ = {};
    contactLabel_.clear();
    haveContacts_ = false;
    rebuildPairs();
}

void StructureView::setRun(RunResultPtr run) {
    run_ = std::move(run);
    const bool attention = run_ && run_->layers() > 0;
    layerBox_->setRange(1, std::max(1, attention ? run_->layers() : 1));
    headBox_->setRange(1, std::max(1, attention ? run_->heads() : 1));
    if (source_ == PairSource::Attention) rebuildPairs();
}

void StructureView::setPairSource(PairSource source) {
    source_ = source;
    sourceBox_->setCurrentIndex(sourceBox_->findData(int(source)));
    for (QWidget* w :
         {static_cast<QWidget*>(layerBox_), static_cast<QWidget*>(headBox_), static_cast<QWidget*>(modeBox_)})
        w->setEnabled(source == PairSource::Attention);
    rebuildPairs();
}

void StructureView::setAttentionHead(int layer, int head, bool apc) {
    layer_ = layer;
    head_ = head;
    apc_ = apc;
    const QSignalBlocker b1(layerBox_), b2(headBox_), b3(modeBox_);
    layerBox_->setValue(layer + 1);
    headBox_->setValue(head + 1);
    modeBox_->setCurrentIndex(modeBox_->findData(apc));
    if (source_ == PairSource::Attention) rebuildPairs();
}

void StructureView::setColoring(ResidueColoring coloring) {
    coloring_ = coloring;
    const QSignalBlocker block(colorBox_);
    colorBox_->setCurrentIndex(colorBox_->findData(int(coloring)));
    rebuildMesh();
}

void StructureView::setConservation(std::vector<float> values) {
    scene_.setConservation(std::move(values));
    rebuildMesh();
}

void StructureView::setHighlightedPair(int i, int j) {
    if (i < 0 || j < 0)
        highlightedPair_.reset();
    else
        highlightedPair_ = std::make_pair(std::min(i, j), std::max(i, j));
    rebuildMesh();
    updateInfo();
}

void StructureView::setHighlightedResidue(int position) {
    highlightedResidue_ = position;
    rebuildMesh();
    updateInfo();
}

void StructureView::centerOnResidue(int position) {
    const int r = scene_.residueForQuery(position);
    if (r < 0) return;
    camera_.centerOn(scene_.residues()[size_t(r)].ca);
    setHighlightedResidue(position);
}

void StructureView::resetView() {
    camera_.reset();
    if (gl_) gl_->update();
}

QSize StructureView::viewportSize() const { return gl_ ? gl_->size() : placeholder_->size(); }

ScenePick StructureView::pickAt(const QPointF& pixel) {
    const ScenePick pick = scene_.pick(camera_.rayThrough(pixel, viewportSize()));
    if (pick.kind == ScenePick::Kind::Residue) {
        const SceneResidue& r = scene_.residues()[size_t(pick.index)];
        pickText_ = r.queryPosition >= 0 ? tr("Picked %1 — query position %2").arg(r.name).arg(r.queryPosition + 1)
                                         : tr("Picked %1 (not in the query)").arg(r.name);
        highlightedResidue_ = r.queryPosition;
        rebuildMesh();
        updateInfo();
        if (r.queryPosition >= 0) emit residuePicked(r.queryPosition);
    } else if (pick.kind == ScenePick::Kind::Pair) {
        const ScenePair& p = scene_.pairs()[size_t(pick.index)];
        const auto& res = scene_.residues();
        pickText_ = tr("Picked pair %1 – %2 (query %3–%4), score %5")
                        .arg(res[size_t(p.from)].name, res[size_t(p.to)].name)
                        .arg(p.i + 1)
                        .arg(p.j + 1)
                        .arg(p.score, 0, 'g', 4);
        highlightedPair_ = std::make_pair(p.i, p.j);
        rebuildMesh();
        updateInfo();
        emit pairPicked(p.i, p.j);
    }
    return pick;
}

void StructureView::rebuildPairs() {
    drawn_.clear();
    pairsDescription_.clear();
    const QString range = separationRangeName(range_);
    if (source_ == PairSource::Contacts) {
        if (haveContacts_) {
            drawn_ = contactSelection_.contacts;
            pairsDescription_ = tr("%1 %2 predicted contacts of %3").arg(topName(rule_), range, contactLabel_);
        }
    } else if (run_ && run_->layers() > 0 && mapping_) {
        try {
            const TensorD map = toDouble(
                rowAttentionView(run_->rowAttentions, layer_, head_,
                                 apc_ ? RowAttentionMode::SymmetrizedApc : RowAttentionMode::Symmetrized, false));
            if (map.shape[0] == int64_t(mapping_->residueIndex.size())) {
                drawn_ =
                    selectContacts(map, truth_ ? &truth_->contacts : nullptr, separationWindow(range_), rule_).contacts;
                pairsDescription_ = tr("%1 %2 pairs of row attention, layer %3 head %4 (%5), width by weight")
                                        .arg(topName(rule_), range)
                                        .arg(layer_ + 1)
                                        .arg(head_ + 1)
                                        .arg(apc_ ? tr("APC") : tr("raw P + Pᵀ"));
            } else {
                pairsDescription_ = tr("the run is for another query; run the model on this alignment");
            }
        } catch (const axs::Error& e) {
            pairsDescription_ = QString::fromUtf8(e.what());
        }
    }
    scene_.setPairs(drawn_, source_ == PairSource::Attention);
    rebuildMesh();
    updateInfo();
}

void StructureView::rebuildMesh() {
    if (!gl_) return;
    Mesh mesh;
    const auto& residues = scene_.residues();
    for (const std::vector<int>& run : scene_.traceRuns()) {
        std::vector<QVector3D> points;
        std::vector<QColor> colors;
        for (int r : run) {
            points.push_back(residues[size_t(r)].ca);
            colors.push_back(scene_.residueColor(r, coloring_));
        }
        const float radius = scene_.onActiveChain(run.front()) ? kTubeRadius : kTubeRadius * 0.6f;
        if (points.size() == 1)
            addSphere(mesh, points[0], radius * 1.5f, colors[0]);
        else
            addTube(mesh, points, colors, radius);
    }
    const int highlighted = highlightedPair_ ? scene_.pairIndex(highlightedPair_->first, highlightedPair_->second) : -1;
    for (size_t k = 0; k < scene_.pairs().size(); ++k) {
        const ScenePair& p = scene_.pairs()[k];
        const QVector3D a = residues[size_t(p.from)].cb, b = residues[size_t(p.to)].cb;
        const bool hi = int(k) == highlighted;
        addCylinder(mesh, a, b, hi ? p.radius + 0.35f : p.radius, hi ? kHighlight : p.color);
        if (hi) {
            addSphere(mesh, a, 1.3f, kHighlight);
            addSphere(mesh, b, 1.3f, kHighlight);
        }
    }
    if (highlightedPair_ && highlighted < 0) {  // a pair not among the drawn ones: show it anyway
        const int a = scene_.residueForQuery(highlightedPair_->first),
                  b = scene_.residueForQuery(highlightedPair_->second);
        if (a >= 0 && b >= 0) {
            addCylinder(mesh, residues[size_t(a)].cb, residues[size_t(b)].cb, 0.3f, kHighlight);
            addSphere(mesh, residues[size_t(a)].cb, 0.9f, kHighlight);
            addSphere(mesh, residues[size_t(b)].cb, 0.9f, kHighlight);
        }
    }
    if (const int r = scene_.residueForQuery(highlightedResidue_); r >= 0)
        addSphere(mesh, residues[size_t(r)].ca, 1.3f, kHighlight);
    gl_->setMesh(std::move(mesh));
}

QString StructureView::infoText() const { return info_->text(); }

void StructureView::updateInfo() {
    QStringList lines;
    if (!structure_) {
        lines << tr("Open a structure (PDB or mmCIF) to see it in 3D.");
    } else {
        const QString file = QFileInfo(QString::fromStdString(structure_->sourcePath)).fileName();
        if (!structureProblem_.isEmpty())
            lines << structureProblem_;
        else if (!mapping_)
            lines << tr("%1: open an alignment whose query matches the structure to draw pairs on it.").arg(file);
        if (!pairsDescription_.isEmpty()) {
            size_t t = 0, f = 0, u = 0;
            for (const ScenePair& p : scene_.pairs())
                (p.verdict == Verdict::True ? t : p.verdict == Verdict::False ? f : u)++;
            lines << tr("Drawn %1 of %2 pairs: %3 — <span style='color:%4'>■</span> %5 true, <span "
                        "style='color:%6'>■</span> %7 "
                        "false, <span style='color:%8'>■</span> %9 no verdict")
                         .arg(scene_.pairs().size())
                         .arg(drawn_.size())
                         .arg(pairsDescription_, QString::fromLatin1(kTrueContactColor))
                         .arg(t)
                         .arg(QString::fromLatin1(kFalseContactColor))
                         .arg(f)
                         .arg(QString::fromLatin1(kUnjudgedContactColor))
                         .arg(u);
        } else if (mapping_ && source_ == PairSource::Contacts) {
            lines << tr("No predicted contacts yet: run the model or compute coevolution.");
        } else if (mapping_) {
            lines << tr("No row attention: run the model first.");
        }
    }
    if (!pickText_.isEmpty()) lines << pickText_;
    if (gl_)
        lines << tr(
            "<i>Drag: rotate · right-drag or Shift+drag: pan · wheel: zoom · click: pick · double-click: "
            "centre</i>");
    info_->setText(lines.join(QStringLiteral("<br>")));
}

ViewerScene StructureView::viewerScene() const {
    ViewerScene s;
    if (!structure_ || activeChain_ < 0 || !mapping_) return s;
    const StructureChain& chain = structure_->chains[size_t(activeChain_)];
    s.structurePath = structure_->sourcePath;
    s.format = structure_->format;
    s.title = pairsDescription_.toStdString() + " on chain " + chain.displayId();
    PairStyle style;
    style.byScore = source_ == PairSource::Attention;
    s.pairs = viewerPairs(drawn_, *mapping_, chain, style);
    return s;
}

void StructureView::exportImage(const QString& path, int dpi) const {
    if (!gl_) failFile(path.toStdString(), "the 3D view has no OpenGL context here, so it cannot be drawn");
    if (dpi < 10 || dpi > 2400) failFile(path.toStdString(), "DPI must be between 10 and 2400");
    const double scale = dpi / 96.0;
    const QSize pixels(int(std::lround(gl_->width() * scale)), int(std::lround(gl_->height() * scale)));
    QImage image = gl_->renderImage(pixels);
    if (image.isNull()) failFile(path.toStdString(), "the 3D view could not be rendered at this size");
    QByteArray bytes;
    try {
        bytes = pngBytes(std::move(image), dpi);
    } catch (const axs::Error& e) {
        failFile(path.toStdString(), e.what());
    }
    writeFileAtomically(path.toStdString(), bytes.toStdString());
}

void StructureView::exportScript(const QString& path) const {
    const auto format = viewerFormatForPath(path.toStdString());
    if (!format) failFile(path.toStdString(), "unknown script type; use .cxc, .pml or .mvsj");
    const ViewerScene scene = viewerScene();
    if (scene.structurePath.empty())
        failFile(path.toStdString(), "no structure with a matching alignment is open, so there are no pairs to write");
    writeViewerScript(path.toStdString(), *format, scene);
}

void StructureView::exportWithDialog(const QString& filter, const QString& suffix) {
    QSettings settings;
    QString path = QFileDialog::getSaveFileName(this, tr("Export"),
                                                settings.value(QStringLiteral("exportDir")).toString(), filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + suffix;
    settings.setValue(QStringLiteral("exportDir"), QFileInfo(path).absolutePath());
    try {
        if (suffix == QLatin1String("png")) {
            bool ok = false;
            const int dpi = QInputDialog::getInt(this, tr("Image resolution"), tr("DPI:"), 300, 10, 2400, 50, &ok);
            if (!ok) return;
            exportImage(path, dpi);
        } else {
            exportScript(path);
        }
    } catch (const axs::Error& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

}  // namespace axs::ui
