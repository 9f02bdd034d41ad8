#include "mainwindow/export_action.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

#include "common/error.hpp"
#include "export/figure_export.hpp"
#include "mainwindow/contact_view_update.hpp"
#include "session/session.hpp"
#include "structure3d/structure_view.hpp"
#include "viewers/viewer_scripts.hpp"
#include "workflow/contact_exports.hpp"

namespace axs::ui {

QString exportFileFilter(bool haveContacts) {
    QString filter = figureFileFilter();
    if (haveContacts)
        filter += QStringLiteral(";;Contacts table (*.csv);;CASP RR contacts (*.rr);;Contact matrix, NumPy (*.npy)");
    return filter;
}

std::optional<ContactExport> sessionContacts(const Session& session) {
    if (const RunResultPtr run = session.run(); run && run->contacts.rank() == 3) return contactExport(*run);
    if (const CoevolutionResultPtr coevolution = session.coevolution()) return contactExport(*coevolution);
    return std::nullopt;
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
    const std::string file = path.toStdString();
    const auto kind = contactFileKind(file);
    if (!kind) failFile(file, "unknown export type; use .png, .svg, .pdf, .csv, .rr or .npy");
    const std::optional<ContactExport> contacts = sessionContacts(session);
    if (!contacts) failFile(file, "no predicted contacts to export; run the model or compute coevolution first");
    // The CSV carries the open structure's verdicts, as `predict --structure` writes them.
    QString label, warning;
    const std::optional<StructureTruth> truth = sessionTruth(session, &label, &warning);
    writeContactFile(file, *kind, *contacts, truth ? &*truth : nullptr);
}

QString exportWithDialog(QWidget* parent, QWidget* view, const Session& session) {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("exportDir")).toString();
    QString selected;
    QString filter = exportFileFilter(sessionContacts(session).has_value());
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
