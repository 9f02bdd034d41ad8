#include "download/official_model.hpp"

#include <QDir>
#include <QProcessEnvironment>

namespace axs::ui {

QString officialModelName() { return QStringLiteral("esm_msa1b_t12_100M_UR50S"); }

QString downloadBase() {
    QString base = qEnvironmentVariable("AXIALSCOPE_DOWNLOAD_BASE");
    if (base.isEmpty()) base = QStringLiteral("https://dl.fbaipublicfiles.com/fair-esm");
    while (base.endsWith('/')) base.chop(1);
    return base;
}

QUrl officialModelUrl() { return QUrl(downloadBase() + "/models/" + officialModelName() + ".pt"); }
QUrl officialRegressionUrl() {
    return QUrl(downloadBase() + "/regression/" + officialModelName() + "-contact-regression.pt");
}

QString hubCheckpointsDir() {
    const QString torchHome = qEnvironmentVariable("TORCH_HOME");
    const QString root = torchHome.isEmpty() ? QDir::homePath() + "/.cache/torch" : torchHome;
    return QDir::cleanPath(root + "/hub/checkpoints");
}

QString officialModelPath() { return hubCheckpointsDir() + "/" + officialModelName() + ".pt"; }
QString officialRegressionPath() { return hubCheckpointsDir() + "/" + officialModelName() + "-contact-regression.pt"; }

}  // namespace axs::ui
