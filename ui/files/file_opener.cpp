#include "files/file_opener.hpp"

#include <QFileInfo>

#include "jobs/job.hpp"
#include "msa/msa_io.hpp"

namespace axs::ui {

void FileOpener::open(const QString& path) {
    const FileSniff sniff = sniffFile(path);
    if (sniff.kind == FileKind::Unknown) {
        ++pending_;
        // Asynchronous like every other outcome, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this,
            [this, path, problem = sniff.problem] {
                emit failed(path, QStringLiteral("%1: %2").arg(path, problem));
                finishOne();
            },
            Qt::QueuedConnection);
        return;
    }
    const std::string file = path.toStdString();
    Job::Work work;
    switch (sniff.kind) {
        case FileKind::Msa:
            work = [file, format = sniff.format.toStdString()](const Progress&) -> std::any {
                MsaReadOptions options;
                options.format = format;
                return std::shared_ptr<const Msa>(std::make_shared<Msa>(readMsa(file, options)));
            };
            break;
        case FileKind::Structure:
            work = [file](const Progress&) -> std::any {
                return std::shared_ptr<const ProteinStructure>(std::make_shared<ProteinStructure>(readStructure(file)));
            };
            break;
        case FileKind::Checkpoint:
            work = [file](const Progress& progress) -> std::any { return loadModelFile(file, progress); };
            break;
        case FileKind::Analysis:
            work = [file](const Progress& progress) -> std::any {
                progress.update(0, "reading the saved analysis");
                return std::shared_ptr<const AnalysisDocument>(std::make_shared<AnalysisDocument>(readAnalysis(file)));
            };
            break;
        case FileKind::Unknown:
            break;
    }
    ++pending_;
    Job* job = Job::start(tr("Opening %1").arg(QFileInfo(path).fileName()), std::move(work), this);
    const FileKind kind = sniff.kind;
    connect(job, &Job::finished, this, [this, path, kind](const std::any& value) {
        switch (kind) {
            case FileKind::Msa: {
                auto msa = std::any_cast<std::shared_ptr<const Msa>>(value);
                if (msa->depth() == 0)
                    emit failed(path, QStringLiteral("%1: the alignment has no sequences").arg(path));
                else
                    emit msaOpened(path, std::move(msa));
                break;
            }
            case FileKind::Structure:
                emit structureOpened(path, std::any_cast<std::shared_ptr<const ProteinStructure>>(value));
                break;
            case FileKind::Checkpoint:
                emit checkpointOpened(path, std::any_cast<LoadedModel>(value));
                break;
            case FileKind::Analysis:
                emit analysisOpened(path, std::any_cast<std::shared_ptr<const AnalysisDocument>>(value));
                break;
            case FileKind::Unknown:
                break;
        }
        finishOne();
    });
    connect(job, &Job::failed, this, [this, path](const QString& message) {
        // Core messages already name the file; add it when one does not.
        emit failed(path, message.contains(path) || message.contains(QFileInfo(path).fileName())
                              ? message
                              : QStringLiteral("%1: %2").arg(path, message));
        finishOne();
    });
    connect(job, &Job::cancelled, this, [this, path] {
        emit failed(path, QStringLiteral("%1: opening was cancelled").arg(path));
        finishOne();
    });
}

void FileOpener::finishOne() {
    if (--pending_ == 0) emit idle();
}

}  // namespace axs::ui
