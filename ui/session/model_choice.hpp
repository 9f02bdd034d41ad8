// Which model a run uses: the official ESM-MSA-1b found on disk, a checkpoint the user
// located or opened, or the bundled demo model (seeded random weights) so every view can
// be tried before the official weights are present.
#pragma once

#include <QString>

#include "workflow/model_identity.hpp"

namespace axs::ui {

struct ModelChoice {
    enum class Kind { Demo, Official, File };
    Kind kind = Kind::Demo;
    QString path;  ///< checkpoint file; "" for the demo model

    bool isDemo() const { return kind == Kind::Demo; }
    /// Short label for the status bar and the run panel.
    QString label() const;
    bool operator==(const ModelChoice& o) const { return kind == o.kind && path == o.path; }
};

/// Loads (or builds, for the demo) the model of `choice` with its identity; the identity's
/// label is choice.label(). Throws axs::Error naming the file. Runs on a worker thread.
LoadedModel loadModel(const ModelChoice& choice, const Progress& progress = {});

/// On-screen warning shown wherever demo results appear.
QString demoModelWarning();

/// The model to use at start-up, in this order: the checkpoint remembered in QSettings
/// ("model/path", set by Locate… or by opening a checkpoint) if the file still exists; the
/// official model if resolveModelPath("esm_msa1b_t12_100M_UR50S") finds it; else the demo.
ModelChoice findModel();
/// Remembers `path` as the model to use (QSettings "model/path"); "" forgets it.
void rememberModelPath(const QString& path);

}  // namespace axs::ui
