// Opening files in the workbench window: every MSA format of core's registry (plain and
// gzip) by a simulated drop, structures and checkpoints, the bundled example, the content
// sniffer, and files that cannot be read (message naming the file, nothing else changes).
#include <zlib.h>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "attention/attention_explorer.hpp"
#include "common/resource_usage.hpp"
#include "contactmap/contact_map_view.hpp"
#include "files/file_kind.hpp"
#include "files/file_opener.hpp"
#include "gzip_bomb.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/example_files.hpp"
#include "mainwindow/main_window.hpp"
#include "mainwindow/model_banner.hpp"
#include "mainwindow/recent_files.hpp"
#include "msa/msa_formats.hpp"
#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

// The same 3 x 10 alignment in every format (A3M with an insertion to be removed).
const std::vector<std::string> kRows = {"MKTAYIAKQR", "MKT-YIAKQR", "-KTAYIAKQ-"};

QByteArray sampleFor(const std::string& format) {
    if (format == "a3m") return ">query first\nMKTAYIAKQR\n>s1\nMKT-YIAkkKQR\n>s2\n-KTAYIAKQ-\n";
    if (format == "fasta") return ">query\nMKTAYIAKQR\n>s1\nMKT-YIAKQR\n>s2\n-KTAYIAKQ-\n";
    if (format == "stockholm") return "# STOCKHOLM 1.0\nquery MKTAYIAKQR\ns1    MKT-YIAKQR\ns2    -KTAYIAKQ-\n//\n";
    if (format == "clustal")
        return "CLUSTAL W (1.83) multiple sequence alignment\n\nquery      MKTAYIAKQR\ns1         MKT-YIAKQR\n"
               "s2         -KTAYIAKQ-\n            *** ****  \n";
    if (format == "psicov") return "MKTAYIAKQR\nMKT-YIAKQR\n-KTAYIAKQ-\n";
    return {};
}

QByteArray gzip(const QByteArray& data) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: gzip wrapper
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) return {};
    return path;
}

// What a file manager does when files are dropped on the window.
bool dropOn(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted()) return false;
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

void closeMessageBoxes(QWidget* w) {
    for (QMessageBox* box : w->findChildren<QMessageBox*>()) box->close();
    QCoreApplication::processEvents();
}

}  // namespace

class TestUiFileOpen : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_ui_file_open", scratch_);
    }

    void sniffBytes_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("format");
        QTest::newRow("torch zip") << QByteArray("PK\x03\x04\x00\x00rest", 10) << "m.pt" << int(FileKind::Checkpoint)
                                   << "torch-zip";
        QTest::newRow("torch legacy") << QByteArray("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19\x2e", 15)
                                      << "m.pt" << int(FileKind::Checkpoint) << "torch-legacy";
        QTest::newRow("mmcif") << QByteArray("# comment\ndata_1ABC\n#\n_entry.id 1ABC\n") << "x.txt"
                               << int(FileKind::Structure) << "mmcif";
        QTest::newRow("pdb") << QByteArray(
                                    "HEADER    TRANSFERASE\nATOM      1  N   MET A   1      11.104   6.134  -6.504  "
                                    "1.00  0.00           N\n")
                             << "x" << int(FileKind::Structure) << "pdb";
        QTest::newRow("pdb atoms only")
            << QByteArray("ATOM      1  N   MET A   1      11.104   6.134  -6.504  1.00  0.00           N\nEND\n")
            << "x.ent" << int(FileKind::Structure) << "pdb";
        QTest::newRow("a3m") << sampleFor("a3m") << "x.a3m" << int(FileKind::Msa) << "a3m";
        QTest::newRow("stockholm, misleading name")
            << sampleFor("stockholm") << "x.pdb" << int(FileKind::Msa) << "stockholm";
        QTest::newRow("gzip stockholm") << gzip(sampleFor("stockholm")) << "x.sto.gz" << int(FileKind::Msa)
                                        << "stockholm";
        QTest::newRow("prose") << QByteArray("Dear colleague,\nplease find attached.\n") << "x.txt"
                               << int(FileKind::Unknown) << "";
        QTest::newRow("empty") << QByteArray() << "x.a3m" << int(FileKind::Unknown) << "";
        QTest::newRow("broken gzip") << QByteArray("\x1f\x8b\x08\x00garbage", 12) << "x.a3m.gz"
                                     << int(FileKind::Unknown) << "";
    }
    void sniffBytes() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(int, kind);
        QFETCH(QString, format);
        const FileSniff s = ui::sniffBytes(bytes, name);
        QCOMPARE(int(s.kind), kind);
        QCOMPARE(s.format, format);
        QCOMPARE(s.problem.isEmpty(), kind != int(FileKind::Unknown));
    }

    void sniffRealFiles_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::newRow("zip checkpoint") << test::dataPath("reference/models/msa_t2_e32_h4.pt")
                                        << int(FileKind::Checkpoint);
        QTest::newRow("legacy checkpoint")
            << test::dataPath("reference/models/msa_t2_e128_h2_legacy.pt") << int(FileKind::Checkpoint);
        QTest::newRow("regression file") << test::dataPath("reference/models/msa_t2_e32_h4-contact-regression.pt")
                                         << int(FileKind::Checkpoint);
        QTest::newRow("a3m") << test::dataPath("reference/inputs/1a3a_1_A.first8.a3m") << int(FileKind::Msa);
        QTest::newRow("pdb (bundled example)") << bundledExamplePaths().at(1) << int(FileKind::Structure);
        QTest::newRow("missing") << scratch_.filePath("does-not-exist.a3m") << int(FileKind::Unknown);
    }
    void sniffRealFiles() {
        QFETCH(QString, path);
        QFETCH(int, kind);
        QCOMPARE(int(sniffFile(path).kind), kind);
    }

    void openEveryMsaFormatByDrop_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("gzipped");
        for (const MsaFormat& f : msaFormats()) {
            QTest::newRow(f.id.c_str()) << QString::fromStdString(f.id) << false;
            QTest::newRow((f.id + ".gz").c_str()) << QString::fromStdString(f.id) << true;
        }
    }
    void openEveryMsaFormatByDrop() {
        QFETCH(QString, format);
        QFETCH(bool, gzipped);
        const MsaFormat* f = findMsaFormat(format.toStdString());
        QVERIFY(f);
        QByteArray bytes = sampleFor(f->id);
        if (bytes.isEmpty()) QFAIL(qPrintable("no sample for the new format " + format + ": add one to sampleFor()"));
        if (gzipped) bytes = gzip(bytes);
        const QString name = QStringLiteral("sample_%1.%2%3")
                                 .arg(format, QString::fromStdString(f->extensions.front()), gzipped ? ".gz" : "");
        const QString path = writeFile(scratch_, name, bytes);
        QVERIFY(!path.isEmpty());

        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QVERIFY(dropOn(&w, {path}));
        QVERIFY(test::waitForOpenedFiles(w));
        QCOMPARE(errors.count(), 0);
        QCOMPARE(opened.count(), 1);
        const auto msa = w.session()->msa();
        QVERIFY(msa);
        QCOMPARE(QString::fromStdString(msa->format), format);
        QCOMPARE(msa->rows, kRows);
        // The grid shows it, the recent list remembers it.
        QCOMPARE(w.msaPanel()->grid()->data().depth(), 3);
        QCOMPARE(w.msaPanel()->grid()->data().width(), 10);
        QCOMPARE(RecentFiles().files().value(0), QFileInfo(path).absoluteFilePath());
    }

    void dropSeveralKindsAtOnce() {
        MainWindow w;
        QSignalSpy errors(&w, &MainWindow::errorShown);
        const QString msa = test::dataPath("reference/inputs/1a3a_1_A.first8.a3m");
        const QString model = test::dataPath("reference/models/msa_t2_e32_h4.pt");
        QFile::copy(bundledExamplePaths().at(1), scratch_.filePath("1a3a.pdb"));
        QVERIFY(dropOn(&w, {msa, model, scratch_.filePath("1a3a.pdb")}));
        QVERIFY(test::waitForOpenedFiles(w));
        QCOMPARE(errors.count(), 0);
        QVERIFY(w.session()->msa());
        QCOMPARE(w.session()->msa()->depth(), size_t(8));
        QVERIFY(w.session()->structure());
        QCOMPARE(QString::fromStdString(w.session()->structure()->defaultChain().id), QStringLiteral("A"));
        QCOMPARE(w.session()->model().kind, ModelChoice::Kind::File);
        QCOMPARE(w.session()->model().path, model);
        QVERIFY(!w.modelBanner()->isVisibleTo(&w));
        // A located model is remembered for the next start.
        QCOMPARE(findModel().path, model);
        rememberModelPath({});
        QVERIFY(findModel().isDemo());
    }

    void bundledExampleOpens() {
        MainWindow w;
        QSignalSpy errors(&w, &MainWindow::errorShown);
        w.openBundledExample();
        QVERIFY(test::waitForOpenedFiles(w));
        QCOMPARE(errors.count(), 0);
        QVERIFY(w.session()->msa());
        QCOMPARE(w.session()->msa()->width(), size_t(145));
        QVERIFY(w.session()->msa()->depth() > 100);
        QVERIFY(w.session()->structure());
        // No official model in the test's TORCH_HOME: demo model and the banner saying so.
        QVERIFY(w.session()->model().isDemo());
        QVERIFY(w.modelBanner()->isVisibleTo(&w));
    }

    void aRunReachesEveryView() {
        MainWindow w;
        QFile::copy(bundledExamplePaths().at(1), scratch_.filePath("1a3a_run.pdb"));
        w.openFiles({test::dataPath("reference/inputs/1a3a_1_A.first8.a3m"),
                     test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt"), scratch_.filePath("1a3a_run.pdb")});
        QVERIFY(test::waitForOpenedFiles(w));
        auto* heads = w.findChild<HeadScoresView*>();
        QVERIFY(heads);
        QSignalSpy scored(heads, &HeadScoresView::scoresReady);
        QSignalSpy finished(w.runController(), &RunController::finished);
        w.runPanel()->startRun();
        QVERIFY(finished.wait(60000));
        const RunResultPtr run = w.session()->run();
        QVERIFY(run);
        QCOMPARE(run->layers(), 4);
        QCOMPARE(run->heads(), 6);
        // The alignment marks the rows used, the explorer and the contact map show the run.
        QCOMPARE(w.msaPanel()->grid()->data().keptCount(), 8);
        auto* explorer = w.findChild<AttentionExplorer*>();
        QVERIFY(explorer);
        QCOMPARE(explorer->run(), run);
        auto* contacts = w.findChild<ContactMapView*>();
        QVERIFY(contacts);
        QVERIFY(!contacts->selection().contacts.empty());
        // ... judged against the structure's true contacts.
        QVERIFY(contacts->selection().contacts.front().truth >= 0);
        // The per-head scores use the run and the structure: one score per layer and head.
        QVERIFY(scored.count() > 0 || scored.wait(30000));
        QCOMPARE(heads->scores().shape, (std::vector<int64_t>{4, 6}));
        // A new alignment drops the run everywhere.
        w.openFiles({test::dataPath("reference/inputs/handmade_3x10.a3m")});
        QVERIFY(test::waitForOpenedFiles(w));
        QVERIFY(!w.session()->run());
        QCOMPARE(w.msaPanel()->grid()->data().keptCount(), 0);
        QVERIFY(!explorer->run());
    }

    void badFileChangesNothing_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expectedInMessage");
        QFile model(test::dataPath("reference/models/msa_t2_e32_h4.pt"));
        QVERIFY(model.open(QIODevice::ReadOnly));
        QTest::newRow("empty") << "empty.a3m" << QByteArray() << "empty";
        QTest::newRow("binary") << "noise.bin" << QByteArray("\x01\x02\x03\xff\xfe\x00\x10", 7)
                                << "not a recognised file";
        QTest::newRow("rows of different length") << "ragged.fasta" << QByteArray(">a\nMKTAYIAKQR\n>b\nMKT\n") << "";
        QTest::newRow("truncated checkpoint") << "truncated.pt" << model.read(4000) << "";
        QTest::newRow("pdb without atoms") << "noatoms.pdb" << QByteArray("HEADER    NOTHING HERE\nEND\n") << "";
        QTest::newRow("corrupt gzip") << "corrupt.a3m.gz" << gzip(sampleFor("a3m")).left(12) << "";
        // Decompression bombs made at run time (tests/common/gzip_bomb.hpp).
        QTest::newRow("structure bomb, 21 MB to 6 GiB")
            << "bomb.pdb.gz" << test::gzipBomb(test::pdbBombBlock(1), 6144) << "200-fold";
        QTest::newRow("alignment bomb, 10 MB to 4 GiB")
            << "bomb.a3m.gz" << test::gzipBomb(test::repeatedText(">s\nMKTAYIAKQR\n", size_t{1} << 20), 4096)
            << "200-fold";
        QTest::newRow("structure over the size limit, 8 MB to 1 GiB")
            << "big.cif.gz" << test::gzipBomb(test::pdbBombBlock(100), 1024) << "limit of 512 MiB";
    }
    void badFileChangesNothing() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expectedInMessage);
        const QString path = writeFile(scratch_, name, bytes);
        QVERIFY(!path.isEmpty());

        MainWindow w;
        const QString good = test::dataPath("reference/inputs/1a3a_1_A.first8.a3m");
        w.openFiles({good});
        QVERIFY(test::waitForOpenedFiles(w));
        const auto msaBefore = w.session()->msa();
        const auto structureBefore = w.session()->structure();
        const ModelChoice modelBefore = w.session()->model();
        const QStringList recentBefore = RecentFiles().files();
        const QString titleBefore = w.windowTitle();
        QVERIFY(msaBefore);

        QSignalSpy errors(&w, &MainWindow::errorShown);
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        QVERIFY(dropOn(&w, {path}));
        QVERIFY(test::waitForOpenedFiles(w));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(opened.count(), 0);
        const QString message = errors.front().front().toString();
        QVERIFY2(message.contains(name), qPrintable(message));
        if (!expectedInMessage.isEmpty()) QVERIFY2(message.contains(expectedInMessage), qPrintable(message));
        // A message box tells the user, naming the file.
        QMessageBox* box = w.findChild<QMessageBox*>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(name));
        // ... and nothing else changed.
        QCOMPARE(w.session()->msa(), msaBefore);
        QCOMPARE(w.session()->structure(), structureBefore);
        QVERIFY(w.session()->model() == modelBefore);
        QCOMPARE(RecentFiles().files(), recentBefore);
        QCOMPARE(w.windowTitle(), titleBefore);
        QCOMPARE(w.msaPanel()->grid()->data().msaPtr(), msaBefore);
        closeMessageBoxes(&w);
    }

    // The bombs dropped together: the workbench stays under 1 GiB resident while it reads
    // and refuses them (before: the structure bomb alone grew to 4.2 GB and ended in
    // std::bad_alloc).
    void bombsDroppedInBoundedMemory() {
        const QString structure = writeFile(scratch_, "drop-bomb.pdb.gz", test::gzipBomb(test::pdbBombBlock(1), 6144));
        const QString big = writeFile(scratch_, "drop-big.cif.gz", test::gzipBomb(test::pdbBombBlock(100), 1024));
        const QString msa = writeFile(scratch_, "drop-bomb.a3m.gz",
                                      test::gzipBomb(test::repeatedText(">s\nMKTAYIAKQR\n", size_t{1} << 20), 4096));
        QVERIFY(!structure.isEmpty() && !big.isEmpty() && !msa.isEmpty());
        MainWindow w;
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        resetPeakResidentMemory();
        QVERIFY(dropOn(&w, {structure, big, msa}));
        QVERIFY(test::waitForOpenedFiles(w));
        const double peak = peakResidentMib();
        qInfo("peak resident memory while refusing the bombs: %.0f MiB", peak);
        QCOMPARE(errors.count(), 3);
        QCOMPARE(opened.count(), 0);
        QVERIFY(!w.session()->msa() && !w.session()->structure());
        if (peak > 0) QVERIFY2(peak < 1024, qPrintable(QString::number(peak)));
        closeMessageBoxes(&w);
    }

    void dropWithoutFilesIsIgnored() {
        MainWindow w;
        QMimeData mime;
        mime.setText(QStringLiteral("just text"));
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(!enter.isAccepted());
    }

    void openDialogFilterListsEveryFormat() {
        const QString filter = openDialogFilter();
        for (const std::string& ext : allMsaExtensions()) QVERIFY(filter.contains("*." + QString::fromStdString(ext)));
        QVERIFY(filter.contains(QStringLiteral("*.pt")));
        QVERIFY(filter.contains(QStringLiteral("*.cif")));
    }
};

QTEST_MAIN(TestUiFileOpen)
#include "test_ui_file_open.moc"
