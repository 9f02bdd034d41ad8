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

namespace {

// The workbench's command line, stated once for the display-less early parse and the real one.
struct CommandLine {
    QCommandLineParser parser;
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the main views with the bundled example to PNG files "
                                                 "in DIR and exit (uses separate settings)."),
                                  QStringLiteral("DIR")};
    QCommandLineOption noExample{QStringLiteral("no-example"), QStringLiteral("Do not open the bundled example.")};

    CommandLine() {
        parser.setApplicationDescription(
            QStringLiteral("AxialScope: a workbench for the MSA Transformer (ESM-MSA-1b)."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("files"),
                                     QStringLiteral("Alignments, structures, model checkpoints or saved analyses "
                                                    "(folders with analysis.json, e.g. from axialscope-cli "
                                                    "predict --out) to open."),
                                     QStringLiteral("[FILES...]"));
        parser.addOption(screenshot);
        parser.addOption(noExample);
    }
};

// True when the arguments may ask only for text (--help, --version): answered without a
// display, so `axialscope --version` and help2man work on a headless machine. Not
// --help-all, whose Qt options are the GUI application's.
bool mayAskForTextOnly(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--") return false;
        if (a == "-h" || a == "-?" || a == "--help" || a == "-v" || a == "--version") return true;
    }
    return false;
}

}  // namespace

int runWorkbench(int argc, char** argv) {
    if (mayAskForTextOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        // "axialscope 0.1.0", like "axialscope-cli 0.1.0" (no settings are touched here).
        QCoreApplication::setApplicationName(QStringLiteral("axialscope"));
        QCoreApplication::setApplicationVersion(QStringLiteral(AXS_VERSION));
        CommandLine cl;
        // Prints the help or version and exits (or reports a bad option). It returns when the
        // word was an option's value (`--screenshot -v`): then the workbench starts as usual.
        cl.parser.process(core);
    }
    QApplication app(argc, argv);
    setUpApplication(app);

    CommandLine cl;
    QCommandLineParser& parser = cl.parser;
    const QCommandLineOption& screenshot = cl.screenshot;
    const QCommandLineOption& noExample = cl.noExample;
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
