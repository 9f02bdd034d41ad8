// What a file the user hands us is, decided by its content (the name only breaks ties):
// an alignment (any format of core's registry, msa/msa_formats.hpp), a model checkpoint
// (torch.save zip or legacy container), a structure (PDB / mmCIF) or a saved analysis (a
// folder with analysis.json, or that file). Gzip-compressed files are looked into. Used by File > Open, drag & drop and
// the command line alike.
#pragma once

#include <QByteArray>
#include <QString>

namespace axs::ui {

enum class FileKind { Unknown, Msa, Checkpoint, Structure, Analysis };

struct FileSniff {
    FileKind kind = FileKind::Unknown;
    /// MSA format id ("a3m", "stockholm", ...), "torch-zip" / "torch-legacy", "pdb" / "mmcif",
    /// or "analysis".
    QString format;
    /// Why the file could not be classified (unreadable, empty, unknown content); "" otherwise.
    QString problem;
};

/// Reads the first 64 KiB of `path` and classifies it. Never throws.
FileSniff sniffFile(const QString& path);
/// Classifies a content prefix (raw file bytes, gzip allowed); `fileName` only breaks ties.
FileSniff sniffBytes(const QByteArray& prefix, const QString& fileName);

QString fileKindName(FileKind kind);  ///< "alignment", "model checkpoint", "structure", "unknown file"

/// Filters for QFileDialog: all supported files first, then one per kind.
QString openDialogFilter();

}  // namespace axs::ui
