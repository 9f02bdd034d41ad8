#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void replacesContent() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("x.txt").toStdString();
        axs::writeFileAtomically(path, std::string("first"));
        axs::writeFileAtomically(path, std::string("second"));
        QCOMPARE(QString::fromStdString(axs::readFileBytes(path)), QString("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }
    void failedWriteKeepsOldFileAndLeavesNoTemporary() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.txt").toStdString();
        axs::writeFileAtomically(path, std::string("precious"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, axs::writeFileAtomically(path, [](std::ostream& out) {
                                     out << "partial";
                                     throw std::runtime_error("simulated failure");
                                 }));
        QCOMPARE(QString::fromStdString(axs::readFileBytes(path)), QString("precious"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }
    void unwritableDirectoryGivesNamedError() {
        try {
            axs::writeFileAtomically("/nonexistent-dir/out.csv", std::string("x"));
            QFAIL("expected an error");
        } catch (const axs::Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent-dir/out.csv"));
        }
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
