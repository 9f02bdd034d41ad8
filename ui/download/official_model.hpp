// Where the official ESM-MSA-1b files come from and where they go (spec §7.1): the same
// names and folder the official loader (torch.hub) uses, so either program finds files
// the other downloaded.
#pragma once

#include <QString>
#include <QUrl>

namespace axs::ui {

/// The released model name, "esm_msa1b_t12_100M_UR50S".
QString officialModelName();

/// Download base, default "https://dl.fbaipublicfiles.com/fair-esm"; the environment
/// variable AXIALSCOPE_DOWNLOAD_BASE overrides it (tests point it at a local server).
QString downloadBase();
/// <base>/models/<name>.pt
QUrl officialModelUrl();
/// <base>/regression/<name>-contact-regression.pt
QUrl officialRegressionUrl();

/// $TORCH_HOME/hub/checkpoints if TORCH_HOME is set, else ~/.cache/torch/hub/checkpoints.
QString hubCheckpointsDir();
/// hubCheckpointsDir()/<name>.pt and .../<name>-contact-regression.pt
QString officialModelPath();
QString officialRegressionPath();

}  // namespace axs::ui
