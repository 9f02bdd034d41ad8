// File > Export…: asks for a file name and writes either the visible view as a figure
// (PNG / SVG / PDF, through ui/export) or the main contact prediction (the run's, else the
// coevolution result's) with core's writers (workflow/contact_exports.hpp), byte for byte
// what `axialscope-cli predict` / `coevolution` write: CSV (with the open structure's
// verdicts), CASP RR, .npy.
#pragma once

#include <QString>
#include <optional>

#include "workflow/contact_exports.hpp"

class QWidget;

namespace axs::ui {

class Session;

/// The contacts File > Export writes: the run's, else the coevolution result's, else none.
std::optional<ContactExport> sessionContacts(const Session& session);

/// Writes `path` (kind chosen by its extension). Throws axs::Error naming the file.
void exportToFile(const QString& path, QWidget* view, const Session& session);

/// File dialog filters offered by exportWithDialog (contacts only when `haveContacts`).
QString exportFileFilter(bool haveContacts);

/// Shows the save dialog and exports; returns the path written ("" when cancelled).
/// Throws axs::Error on failure.
QString exportWithDialog(QWidget* parent, QWidget* view, const Session& session);

}  // namespace axs::ui
