#include "session/model_choice.hpp"

#include <QFileInfo>
#include <QSettings>

#include "checkpoint/checkpoint.hpp"
#include "common/error.hpp"
#include "download/official_model.hpp"

namespace axs::ui {

QString ModelChoice::label() const {
    switch (kind) {
        case Kind::Demo:
            return QStringLiteral("demo model (random weights)");
        case Kind::Official:
            return officialModelName();
        case Kind::File:
            return QFileInfo(path).fileName();
    }
    return {};
}

QString demoModelWarning() { return QStringLiteral("demo model \u2014 random weights, results not meaningful"); }

LoadedModel loadModel(const ModelChoice& choice, const Progress& progress) {
    LoadedModel loaded = choice.isDemo() ? demoModel() : loadModelFile(choice.path.toStdString(), progress);
    loaded.identity.label = choice.label().toStdString();
    return loaded;
}

ModelChoice findModel() {
    const QString remembered = QSettings().value(QStringLiteral("model/path")).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isFile()) return {ModelChoice::Kind::File, remembered};
    try {
        const std::string path = resolveModelPath(officialModelName().toStdString());
        if (QFileInfo(QString::fromStdString(path)).isFile())
            return {ModelChoice::Kind::Official, QString::fromStdString(path)};
    } catch (const axs::Error&) {
        // Not installed: the banner offers Locate… and Download.
    }
    return {};
}

void rememberModelPath(const QString& path) {
    QSettings settings;
    if (path.isEmpty())
        settings.remove(QStringLiteral("model/path"));
    else
        settings.setValue(QStringLiteral("model/path"), path);
}

}  // namespace axs::ui
