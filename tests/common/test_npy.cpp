#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "test_paths.hpp"

class TestNpy : public QObject {
    Q_OBJECT
private slots:
    void roundTripFloat() {
        QTemporaryDir dir;
        axs::TensorF t({2, 3, 4});
        for (size_t i = 0; i < t.size(); ++i) t.data[i] = 0.5f * static_cast<float>(i) - 3.0f;
        const std::string path = dir.filePath("a.npy").toStdString();
        axs::writeNpy(path, t);
        const axs::TensorF back = axs::readNpyFloat(path);
        QCOMPARE(back.shape, t.shape);
        QCOMPARE(back.data, t.data);
    }
    void roundTripInt64OneDim() {
        QTemporaryDir dir;
        axs::TensorI64 t({5});
        for (size_t i = 0; i < t.size(); ++i) t.data[i] = static_cast<int64_t>(i) * 1000000007LL;
        const std::string path = dir.filePath("b.npy").toStdString();
        axs::writeNpy(path, t);
        const axs::TensorI64 back = axs::readNpyInt64(path);
        QCOMPARE(back.shape, t.shape);
        QCOMPARE(back.data, t.data);
    }
    void streamWriterMatchesWholeArrayWriter() {
        QTemporaryDir dir;
        axs::TensorF t({2, 3, 5});
        for (size_t i = 0; i < t.size(); ++i) t.data[i] = 0.25f * static_cast<float>(i) - 1.0f;
        const std::string whole = dir.filePath("whole.npy").toStdString(),
                          streamed = dir.filePath("streamed.npy").toStdString();
        axs::writeNpy(whole, t);
        axs::NpyFloatStreamWriter writer(streamed, t.shape);
        for (int64_t i = 0; i < 2; ++i) writer.append(t.ptr() + i * 15, 15);
        QVERIFY(!QFile::exists(QString::fromStdString(streamed)));  // nothing visible before commit
        writer.commit();
        QCOMPARE(axs::readFileBytes(streamed), axs::readFileBytes(whole));
    }
    void streamWriterRefusesWrongCounts() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("partial.npy").toStdString();
        {
            axs::NpyFloatStreamWriter writer(path, {2, 4});
            const float values[8] = {};
            writer.append(values, 5);
            QVERIFY_THROWS_EXCEPTION(axs::Error, writer.append(values, 4));  // 9 > 8
            try {
                writer.commit();
                QFAIL("expected an error for an incomplete array");
            } catch (const axs::Error& e) {
                QVERIFY(QString(e.what()).contains("partial.npy"));
                QVERIFY(QString(e.what()).contains("5 of 8"));
            }
        }
        // Abandoned: neither the file nor a temporary sibling is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }
    void readsGoldenTokens() {
        const axs::TensorI64 t =
            axs::readNpyInt64(axs::test::dataFile("reference/cases/msa_t2_e32_h4__handmade_3x10/tokens.npy"));
        QCOMPARE(t.shape, (std::vector<int64_t>{1, 3, 11}));
        QCOMPARE(t.at(0, 0, 0), int64_t{0});  // <cls>
    }
    void rejectsGarbage() {
        QTemporaryDir dir;
        const QString p = dir.filePath("bad.npy");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello world, not numpy");
        f.close();
        try {
            axs::readNpyFloat(p.toStdString());
            QFAIL("expected an error");
        } catch (const axs::Error& e) {
            QVERIFY(QString(e.what()).contains("bad.npy"));
            QVERIFY(QString(e.what()).contains("magic"));
        }
    }
    void rejectsWrongDtype() {
        QVERIFY_THROWS_EXCEPTION(
            axs::Error,
            axs::readNpyFloat(axs::test::dataFile("reference/cases/msa_t2_e32_h4__handmade_3x10/tokens.npy")));
    }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "test_npy.moc"
