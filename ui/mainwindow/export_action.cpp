#include "mainwindow/export_action.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

#include "common/error.hpp"
#include "export/contact_export.hpp"
#include "export/figure_export.hpp"
#include "session/session.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure3d/structure_view.hpp"
#include "viewers/viewer_scripts.hpp"

namespace axs::ui {
namespace {

// The run's contacts (1 x T x T) as the T x T matrix the writers take.
TensorF contactMatrix(const RunResult& run) {
    TensorF m;
    if (run.contacts.rank() != 3) return m;
    m.shape = {run.contacts.shape[1], run.contacts.shape[2]};
    m.data = run.contacts.data;
    return m;
}

}  // namespace

QString exportFileFilter(bool haveRun) {
    QString filter = figureFileFilter();
    if (haveRun)
        filter += QStringLiteral(";;Contacts table (*.csv);;CASP RR contacts (*.rr);;Contact matrix, NumPy (*.npy)");
    return filter;
}

void exportToFile(const QString& path, QWidget* view, const Session& session) {
    const QString ext = QFileInfo(path).suffix().toLower();
    // The 3D view draws with OpenGL and hands its pairs to other viewers.
    if (auto* structure = qobject_cast<StructureView*>(view)) {
        if (viewerFormatForPath(path.toStdString())) return structure->exportScript(path);
        if (ext == QLatin1String("png")) return structure->exportImage(path, FigureOptions{}.dpi);
    }
    if (figureFormatForPath(path)) {
        exportFigure(view, path);
        return;
    }
    const RunResultPtr run = session.run();
    if (ext != QLatin1String("csv") && ext != QLatin1String("rr") && ext != QLatin1String("npy"))
        failFile(path.toStdString(), "unknown export type; use .png, .svg, .pdf, .csv, .rr or .npy");
    if (!run || run->contacts.size() == 0)
        failFile(path.toStdString(), "no predicted contacts to export; run the model first");
    const TensorF probs = contactMatrix(*run);
    const std::string query = run->msa.query();
    if (ext == QLatin1String("npy")) return writeMatrixNpy(path, probs);
    if (ext == QLatin1String("rr")) return writeContactRr(path, probs, query);
    // CSV: with the true contacts of the open structure when there is one.
    if (const auto structure = session.structure()) {
        const StructureChain& chain = session.activeChain();
        const QueryContactMap truth = queryContactMap(chain, mapQueryToChain(query, chain));
        writeContactTable(path, probs, query, &truth.contacts, &truth.distances);
    } else {
        writeContactTable(path, probs, query, nullptr, nullptr);
    }
}

QString exportWithDialog(QWidget* parent, QWidget* view, const Session& session) {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("exportDir")).toString();
    QString selected;
    QString filter = exportFileFilter(session.run() != nullptr);
    if (qobject_cast<StructureView*>(view))
        filter = QObject::tr(
            "PNG image (*.png);;ChimeraX commands (*.cxc);;PyMOL script (*.pml);;MolViewSpec scene (*.mvsj)");
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export"), dir, filter, &selected);
    if (path.isEmpty()) return {};
    // A name typed without extension takes the one of the chosen filter, e.g. "(*.png)".
    const int star = selected.indexOf(QStringLiteral("*."));
    if (QFileInfo(path).suffix().isEmpty() && star >= 0)
        path += selected.mid(star + 1, selected.indexOf(QLatin1Char(')'), star) - star - 1).section(' ', 0, 0);
    settings.setValue(QStringLiteral("exportDir"), QFileInfo(path).absolutePath());
    exportToFile(path, view, session);
    return path;
}

}  // namespace axs::ui
