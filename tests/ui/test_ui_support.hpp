// Shared set-up for the workbench tests (test_ui_*): headless application with the
// workbench's resources and names, settings and data folders of its own (QStandardPaths
// test mode, one settings file per test executable so parallel tests do not race), and a
// TORCH_HOME pointing into an empty temporary folder so no real model is picked up.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app_main.hpp"
#include "files/file_opener.hpp"
#include "mainwindow/main_window.hpp"

namespace axs::test {

inline void setUpWorkbenchTest(const char* testName, const QTemporaryDir& scratch) {
    QStandardPaths::setTestModeEnabled(true);
    ui::setUpApplication(*static_cast<QApplication*>(QCoreApplication::instance()));
    QCoreApplication::setApplicationName(QStringLiteral("AxialScope-%1").arg(QLatin1String(testName)));
    QSettings().clear();
    qputenv("TORCH_HOME", (scratch.path() + "/torch").toUtf8());
    qunsetenv("AXIALSCOPE_DOWNLOAD_BASE");
}

/// Processes events until done() or timeoutMs; returns done().
template <class F>
bool waitUntil(F done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) QTest::qWait(10);
    return done();
}

/// Files open on worker threads: waits (up to 20 s) until the window has none pending.
inline bool waitForOpenedFiles(ui::MainWindow& window) {
    return waitUntil([&] { return window.fileOpener()->pending() == 0; }, 20000);
}

}  // namespace axs::test
