#include "files/file_kind.hpp"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include "checkpoint/torch_file.hpp"
#include "common/decompression.hpp"
#include "msa/msa_formats.hpp"
#include "workflow/analysis_document.hpp"

namespace axs::ui {
namespace {

constexpr qint64 kSniffBytes = 64 * 1024;

// Lines that only PDB files start with (columns 1-6 record names).
bool looksLikePdb(const QByteArray& text) {
    static const char* records[] = {"HEADER", "ATOM  ", "HETATM", "CRYST1", "MODEL ", "COMPND", "REMARK", "TITLE ",
                                    "EXPDTA", "SEQRES", "AUTHOR", "KEYWDS", "SOURCE", "ORIGX1", "SCALE1"};
    int lines = 0, pdbLines = 0, atoms = 0;
    for (const QByteArray& line : text.split('\n')) {
        if (line.trimmed().isEmpty()) continue;
        ++lines;
        for (const char* r : records)
            if (line.startsWith(r)) {
                ++pdbLines;
                if (line.startsWith("ATOM  ") || line.startsWith("HETATM")) ++atoms;
                break;
            }
        if (lines >= 200) break;
    }
    return lines > 0 && (atoms > 0 || pdbLines * 2 >= lines) && pdbLines > 0;
}

bool looksLikeMmcif(const QByteArray& text) {
    for (const QByteArray& raw : text.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#')) continue;
        return line.startsWith("data_");  // the first statement of every CIF file
    }
    return false;
}

}  // namespace

FileSniff sniffBytes(const QByteArray& prefix, const QString& fileName) {
    FileSniff result;
    if (prefix.isEmpty()) {
        result.problem = QStringLiteral("the file is empty");
        return result;
    }
    // torch.save containers by core's sniffer, the one the loader and the CLI use.
    if (const auto torch = axs::sniffTorchBytes(std::string_view(prefix.constData(), size_t(prefix.size()))))
        return {FileKind::Checkpoint, QStringLiteral("torch-") + QString::fromLatin1(axs::containerName(*torch)), {}};

    QByteArray text = prefix;
    if (axs::isGzip(std::string_view(prefix.constData(), size_t(prefix.size())))) {
        const std::string plain =
            axs::gunzipPrefix(std::string_view(prefix.constData(), size_t(prefix.size())), size_t(4 * kSniffBytes));
        if (plain.empty()) {
            result.problem = QStringLiteral("gzip-compressed, but the compressed data could not be read");
            return result;
        }
        text = QByteArray(plain.data(), qsizetype(plain.size()));
    }
    if (looksLikeMmcif(text)) return {FileKind::Structure, QStringLiteral("mmcif"), {}};
    if (looksLikePdb(text)) return {FileKind::Structure, QStringLiteral("pdb"), {}};
    const std::string msaFormat = axs::sniffMsaFormat(text.toStdString(), fileName.toStdString());
    if (!msaFormat.empty()) return {FileKind::Msa, QString::fromStdString(msaFormat), {}};

    result.problem = QStringLiteral(
        "not a recognised file: neither an alignment (A3M, FASTA, Stockholm, Clustal, PSICOV), "
        "a model checkpoint (.pt) nor a structure (PDB, mmCIF)");
    return result;
}

FileSniff sniffFile(const QString& path) {
    QFile file(path);
    const QFileInfo info(path);
    if (!info.exists()) return {FileKind::Unknown, {}, QStringLiteral("the file does not exist")};
    if (axs::looksLikeAnalysis(path.toStdString())) return {FileKind::Analysis, QStringLiteral("analysis"), {}};
    if (info.isDir())
        return {FileKind::Unknown, {}, QStringLiteral("this is a folder without a saved analysis (analysis.json)")};
    if (!file.open(QIODevice::ReadOnly))
        return {FileKind::Unknown, {}, QStringLiteral("cannot be read: ") + file.errorString()};
    return sniffBytes(file.read(kSniffBytes), info.fileName());
}

QString fileKindName(FileKind kind) {
    switch (kind) {
        case FileKind::Msa:
            return QStringLiteral("alignment");
        case FileKind::Checkpoint:
            return QStringLiteral("model checkpoint");
        case FileKind::Structure:
            return QStringLiteral("structure");
        case FileKind::Analysis:
            return QStringLiteral("saved analysis");
        case FileKind::Unknown:
            break;
    }
    return QStringLiteral("unknown file");
}

QString openDialogFilter() {
    QStringList msa;
    for (const std::string& ext : axs::allMsaExtensions()) {
        msa << QStringLiteral("*.") + QString::fromStdString(ext);
        msa << QStringLiteral("*.") + QString::fromStdString(ext) + QStringLiteral(".gz");
    }
    const QStringList checkpoints = {QStringLiteral("*.pt"), QStringLiteral("*.pth")};
    const QStringList structures = {QStringLiteral("*.pdb"),   QStringLiteral("*.ent"),    QStringLiteral("*.cif"),
                                    QStringLiteral("*.mmcif"), QStringLiteral("*.pdb.gz"), QStringLiteral("*.cif.gz")};
    QStringList filters;
    filters << QStringLiteral("All supported files (%1)").arg((msa + checkpoints + structures).join(' '));
    for (const auto& format : axs::msaFormats()) {
        QStringList exts;
        for (const std::string& ext : format.extensions) exts << QStringLiteral("*.") + QString::fromStdString(ext);
        filters << QStringLiteral("%1 (%2)").arg(QString::fromStdString(format.displayName), exts.join(' '));
    }
    filters << QStringLiteral("Model checkpoints (%1)").arg(checkpoints.join(' '));
    filters << QStringLiteral("Structures (%1)").arg(structures.join(' '));
    filters << QStringLiteral("All files (*)");
    return filters.join(QStringLiteral(";;"));
}

}  // namespace axs::ui
