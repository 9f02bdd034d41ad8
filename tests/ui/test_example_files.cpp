// Where the workbench finds its bundled data: next to an installed executable
// (<prefix>/bin -> <prefix>/share/axialscope, wherever the prefix is), the source tree only
// for this build's own programs, and nowhere else.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "mainwindow/example_files.hpp"

using namespace axs::ui;

namespace {

// A prefix laid out like the package: bin/ and share/axialscope/examples/1a3a/ with the
// given files (copied from the bundled example, so they are the real ones).
void makePrefix(const QString& prefix, const QStringList& names) {
    QVERIFY(QDir().mkpath(prefix + "/bin"));
    const QString examples = prefix + "/share/axialscope/examples/1a3a";
    QVERIFY(QDir().mkpath(examples));
    const QStringList sources = bundledExamplePaths();
    QCOMPARE(sources.size(), 2);
    for (const QString& name : names)
        for (const QString& source : sources)
            if (QFileInfo(source).fileName() == name) QVERIFY(QFile::copy(source, examples + "/" + name));
}

}  // namespace

class TestExampleFiles : public QObject {
    Q_OBJECT

private slots:
    void thisBuildUsesTheSourceTree() {
        // The test runs from the build tree's bin/, which has no share/ beside it.
        const QString dir = bundledDataDir();
        QCOMPARE(QFileInfo(dir).canonicalFilePath(),
                 QFileInfo(QStringLiteral(AXS_TEST_DATA) + "/../../resources").canonicalFilePath());
        const QStringList paths = bundledExamplePaths();
        QCOMPARE(paths.size(), 2);
        QVERIFY(paths[0].endsWith(QStringLiteral("/examples/1a3a/1a3a_1_A.a3m")));
        QVERIFY(paths[1].endsWith(QStringLiteral("/examples/1a3a/1a3a.pdb")));
        for (const QString& p : paths) QVERIFY2(QFileInfo(p).isFile() && QFileInfo(p).size() > 0, qPrintable(p));
    }

    void anInstalledPrefixIsFoundRelativeToItsExecutable() {
        QTemporaryDir tmp;
        const QString prefix = tmp.path() + "/opt/axialscope";
        makePrefix(prefix, {QStringLiteral("1a3a_1_A.a3m"), QStringLiteral("1a3a.pdb")});
        QCOMPARE(bundledDataDir(prefix + "/bin"), QDir::cleanPath(prefix + "/share/axialscope"));
    }

    void anIncompleteInstallIsNotFoundAndDoesNotFallBackToTheSources() {
        QTemporaryDir tmp;
        const QString prefix = tmp.path() + "/usr";
        makePrefix(prefix, {QStringLiteral("1a3a_1_A.a3m")});  // the structure is missing
        QCOMPARE(bundledDataDir(prefix + "/bin"), QString());
        QCOMPARE(bundledDataDir(tmp.path() + "/elsewhere"), QString());
    }

    void installedDataDirNamesTheInstallLayout() {
        QCOMPARE(installedDataDir(), QDir::cleanPath(QCoreApplication::applicationDirPath() + "/../share/axialscope"));
    }
};

QTEST_GUILESS_MAIN(TestExampleFiles)
#include "test_example_files.moc"
