#include "app_main.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>

#include "mainwindow/main_window.hpp"
#include "mainwindow/screenshots.hpp"

// Resources compiled into a static library are only linked when referenced.
static void initAxialScopeResources() { Q_INIT_RESOURCE(axialscope); }

namespace axs::ui {

void setUpApplication(QApplication& app) {
    initAxialScopeResources();
    QApplication::setOrganizationName(QStringLiteral("AxialScope"));
    QApplication::setApplicationName(QStringLiteral("AxialScope"));
    QApplication::setApplicationVersion(QStringLiteral(AXS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/axialscope.svg")));
    app.setDesktopFileName(QStringLiteral("axialscope"));
}

int runWorkbench(int argc, char** argv) {
    QApplication app(argc, argv);
    setUpApplication(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("AxialScope: a workbench for the MSA Transformer (ESM-MSA-1b)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("Alignments, structures or model checkpoints to open."),
                                 QStringLiteral("[FILES...]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the main views with the bundled example to PNG files "
                                                       "in DIR and exit (uses separate settings)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption noExample(QStringLiteral("no-example"),
                                       QStringLiteral("Do not open the bundled example."));
    parser.addOption(screenshot);
    parser.addOption(noExample);
    parser.process(app);

    if (parser.isSet(screenshot)) {
        // Screenshots must not depend on (or change) the user's settings and recent files.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        return renderScreenshots(parser.value(screenshot));
    }

    MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    QSettings settings;
    if (!files.isEmpty()) {
        window.openFiles(files);
    } else if (!settings.value(QStringLiteral("exampleShown"), false).toBool() && !parser.isSet(noExample)) {
        settings.setValue(QStringLiteral("exampleShown"), true);  // first start only
        window.openBundledExample();
    }
    return app.exec();
}

}  // namespace axs::ui
