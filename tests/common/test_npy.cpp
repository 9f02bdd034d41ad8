#include <QTemporaryDir>
#include <QTest>

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
    void readsGoldenTokens() {
        const axs::TensorI64 t = axs::readNpyInt64(axs::test::dataFile("reference/cases/msa_t2_e32_h4__handmade_3x10/tokens.npy"));
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
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::readNpyFloat(axs::test::dataFile("reference/cases/msa_t2_e32_h4__handmade_3x10/tokens.npy")));
    }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "test_npy.moc"
