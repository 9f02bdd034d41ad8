// File > Export…: asks for a file name and writes either the visible view as a figure
// (PNG / SVG / PDF, through ui/export) or, once a run exists, its predicted contacts
// (CSV with structure truth when a structure is open, CASP RR, .npy matrix).
#pragma once

#include <QString>

class QWidget;

namespace axs::ui {

class Session;

/// Writes `path` (kind chosen by its extension). Throws axs::Error naming the file.
void exportToFile(const QString& path, QWidget* view, const Session& session);

/// File dialog filters offered by exportWithDialog (contacts only when `haveRun`).
QString exportFileFilter(bool haveRun);

/// Shows the save dialog and exports; returns the path written ("" when cancelled).
/// Throws axs::Error on failure.
QString exportWithDialog(QWidget* parent, QWidget* view, const Session& session);

}  // namespace axs::ui
