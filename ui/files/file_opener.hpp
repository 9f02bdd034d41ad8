// Opens files of any supported kind (see file_kind.hpp) off the GUI thread: reading a deep
// alignment or loading a checkpoint runs as a Job, the result arrives through a signal.
// Nothing is changed on failure; the caller decides what to show.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "files/file_kind.hpp"
#include "msa/msa.hpp"
#include "structure/structure.hpp"
#include "workflow/analysis_document.hpp"
#include "workflow/model_identity.hpp"

namespace axs::ui {

class FileOpener : public QObject {
    Q_OBJECT
public:
    explicit FileOpener(QObject* parent = nullptr) : QObject(parent) {}

    /// Starts opening `path`; exactly one of the signals below follows (asynchronously).
    void open(const QString& path);
    /// Files still being read.
    int pending() const { return pending_; }

signals:
    void msaOpened(const QString& path, std::shared_ptr<const axs::Msa> msa);
    void structureOpened(const QString& path, std::shared_ptr<const axs::ProteinStructure> structure);
    /// The checkpoint loaded and the model was built from it (so it is known to work).
    void checkpointOpened(const QString& path, const axs::LoadedModel& model);
    /// A saved analysis was read and checked (workflow/analysis_document.hpp).
    void analysisOpened(const QString& path, std::shared_ptr<const axs::AnalysisDocument> analysis);
    /// `message` names the file and the problem.
    void failed(const QString& path, const QString& message);
    void idle();  ///< no file is being read any more

private:
    void finishOne();
    int pending_ = 0;
};

}  // namespace axs::ui
