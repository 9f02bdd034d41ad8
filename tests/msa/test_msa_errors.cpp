// Every way a user can hand us a bad alignment ends in an axs::Error that names the file
// and, where it applies, the record (number, name, line) and the 1-based column. A fuzz
// pass feeds truncated, mutated and random bytes to every reader: errors are fine,
// crashes, hangs and other exception types are not.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <random>

#include "common/error.hpp"
#include "error_message.hpp"
#include "msa/msa_formats.hpp"
#include "msa/msa_io.hpp"
#include "test_paths.hpp"

namespace {

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray gzipOf(const QString& committedGz) { return fileBytes(axs::test::dataPath(committedGz)); }

QString readError(const QString& path, const axs::MsaReadOptions& options = {}) {
    return axs::test::errorMessageOf([&] { axs::readMsa(path.toStdString(), options); });
}

}  // namespace

class TestMsaErrors : public QObject {
    Q_OBJECT
private slots:
    void errors_data() {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("mustContain");
        auto add = [](const char* tag, const char* name, QByteArray content, QStringList must) {
            QTest::newRow(tag) << QString(name) << content << must;
        };
        add("fasta unequal rows (shorter)", "short.a3m", ">q\nMKV-LAG\n>h1 x\nMKVLAG\n>h2\nMKvvV-LAG\n",
            {"record 2 'h1' (line 3)", "6 aligned columns", "record 1 'q' (line 1) has 7", "column 7 is missing"});
        add("fasta unequal rows (longer)", "long.fasta", ">q\nMKV\n>h1\nMKVL\n",
            {"record 2 'h1'", "column 4 is extra"});
        add("J in a3m", "j.a3m", ">q\nMKV-LAG\n>h2\nMKaV-LAG\n>h3\nMKVJLAG\n",
            {"record 3 'h3' (line 5)", "column 4", "'J'", "not in the ESM-MSA-1b alphabet"});
        add("digit in a3m", "d.a3m", ">q\nMK1\n", {"record 1 'q' (line 1)", "column 3", "'1'"});
        add("J in psicov", "j.aln", "MKV-\nMKJ-\nMKV-\n", {"record 2 (line 2)", "column 3", "'J'"});
        add("J in stockholm", "j.sto", "# STOCKHOLM 1.0\nq  MK-VL\nh  MK.JL\n//\n",
            {"record 2 'h' (line 3)", "column 3", "'J'"});
        add("J in clustal", "j.aln", "CLUSTAL W\n\nq  MKVL\nh  MKJL\n", {"record 2 'h' (line 4)", "column 3", "'J'"});
        add("control byte", "c.a3m", ">q\nMK\x01V\n", {"record 1 'q'", "column 3", "byte 0x01"});
        add("empty", "empty.a3m", "", {"empty"});
        add("whitespace only", "blank.a3m", " \n\t\n\n", {"only whitespace"});
        add("binary with NUL", "model.a3m", QByteArray("PK\x03\x04\0\0\0\x08garbage", 16), {"binary", "NUL"});
        add("binary control bytes", "img.sto", QByteArray(200, '\x01'), {"binary"});
        add("gzip of binary", "bin.a3m.gz", QByteArray(), {"binary"});  // content made in the test
        add("truncated gzip", "cut.a3m.gz", gzipOf("msa/T1001.a3m.gz").left(3000), {"truncated gzip"});
        add("corrupt gzip", "bad.a3m.gz", QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage!!", 18),
            {"gzip"});
        add("unknown format", "notes.a3m", "Dear reviewer,\nthe alignment is attached.\n",
            {"cannot recognise the alignment format", "Stockholm"});
        add("stockholm without sequences", "none.sto", "# STOCKHOLM 1.0\n#=GF ID x\n//\n", {"no sequences"});
        add("clustal without sequences", "none.aln", "CLUSTAL W (1.83) multiple sequence alignment\n\n",
            {"no sequences"});
        add("fasta headers only", "heads.fasta", ">a\n>b\n", {"record 1 'a'", "no aligned residues"});
        add("stockholm unequal raw rows", "raw.sto", "# STOCKHOLM 1.0\nq  MK-VL\nh  MK.J\n//\n",
            {"record 2 'h' (line 3)", "before removing insert columns", "column 5 is missing"});
        add("stockholm second alignment", "two.sto", "# STOCKHOLM 1.0\nq  MK\n//\n# STOCKHOLM 1.0\nq MK\n//\n",
            {"line 4", "second alignment"});
        add("stockholm line without sequence", "ns.sto", "# STOCKHOLM 1.0\nq  MK\nlonely\n//\n",
            {"line 3", "no sequence"});
        add("clustal unequal blocks", "blocks.aln", "CLUSTAL W\n\nq  MKVL\nh  MKVL\n\nq  AA\n",
            {"record 2 'h' (line 4)", "column 5 is missing"});
        add("clustal junk after sequence", "junk.aln", "CLUSTAL W\n\nq  MKVL  12 extra\n", {"line 3", "extra text"});
        add("psicov with spaces", "sp.aln", "MKV L\nMKVL\n", {"cannot recognise"});
    }
    void errors() {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, mustContain);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        if (QString(QTest::currentDataTag()) == "gzip of binary") {
            // A gzip member with one stored (uncompressed) deflate block holding NUL bytes:
            // header, block, CRC-32 and size, written out by hand.
            const QByteArray payload("AB\0\0CD", 6);
            QByteArray gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
            gz += char(0x01);  // final stored block
            gz += char(payload.size()) + QByteArray(1, 0) + char(~payload.size()) + char(0xff);
            gz += payload;
            quint32 crc = 0xffffffffu;
            for (unsigned char b : payload) {
                crc ^= b;
                for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
            }
            crc ^= 0xffffffffu;
            for (int k = 0; k < 4; ++k) gz += char((crc >> (8 * k)) & 0xff);
            for (int k = 0; k < 4; ++k) gz += char((payload.size() >> (8 * k)) & 0xff);
            content = gz;
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const QString msg = readError(path);
        QVERIFY2(!msg.isEmpty(), "expected an axs::Error");
        QVERIFY2(msg.startsWith(path + ": "), qPrintable("message does not name the file: " + msg));
        for (const auto& s : mustContain) QVERIFY2(msg.contains(s), qPrintable(msg + "\n  lacks: " + s));
        // The same text from memory names the given name instead.
        try {
            axs::readMsaFromString(content.toStdString(), "dropped-text");
            QFAIL("expected an axs::Error from memory too");
        } catch (const axs::Error& e) {
            QVERIFY2(QString(e.what()).startsWith("dropped-text: "), e.what());
        }
    }

    void forcedFormatErrors_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("mustContain");
        QTest::newRow("fasta: text before first header")
            << "fasta" << QByteArray("MKV\n>q\nMKV\n") << QStringList{"line 1", "before the first '>'"};
        QTest::newRow("stockholm: no header")
            << "stockholm" << QByteArray("q MK\n") << QStringList{"line 1", "# STOCKHOLM 1.0"};
        QTest::newRow("clustal: no header") << "clustal" << QByteArray(">q\nMK\n") << QStringList{"line 1", "CLUSTAL"};
        QTest::newRow("psicov: a header") << "psicov" << QByteArray(">q\nMK\n") << QStringList{"line 1", "'>'"};
        QTest::newRow("unknown id") << "pdb" << QByteArray("MK\n") << QStringList{"unknown alignment format 'pdb'"};
    }
    void forcedFormatErrors() {
        QFETCH(QString, format);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, mustContain);
        axs::MsaReadOptions o;
        o.format = format.toStdString();
        try {
            axs::readMsaFromString(content.toStdString(), "forced.txt", o);
            QFAIL("expected an axs::Error");
        } catch (const axs::Error& e) {
            QVERIFY2(QString(e.what()).startsWith("forced.txt: "), e.what());
            for (const auto& s : mustContain) QVERIFY2(QString(e.what()).contains(s), e.what());
        }
    }

    void missingFileAndDirectory() {
        QTemporaryDir dir;
        const QString missing = dir.filePath("nope.a3m");
        QVERIFY(readError(missing).startsWith(missing + ": "));
        QVERIFY(readError(missing).contains("no such file"));
        QVERIFY(readError(dir.path()).contains("directory"));
    }

    void limits_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("maxRows");
        QTest::addColumn<int>("maxColumns");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<QString>("mustContain");
        const QByteArray three = ">a\nMKVLAGHTEW\n>b\nMKVLAGHTEW\n>c\nMKVLAGHTEW\n";
        QTest::newRow("rows fasta") << three << 2 << 100 << 1000 << "more than 2 sequences";
        QTest::newRow("rows psicov") << QByteArray("MK\nMK\nMK\n") << 2 << 100 << 1000 << "more than 2 sequences";
        QTest::newRow("rows stockholm") << QByteArray("# STOCKHOLM 1.0\na MK\nb MK\nc MK\n//\n") << 2 << 100 << 1000
                                        << "more than 2 sequences";
        QTest::newRow("rows clustal") << QByteArray("CLUSTAL\n\na MK\nb MK\nc MK\n") << 2 << 100 << 1000
                                      << "more than 2 sequences";
        QTest::newRow("columns fasta") << three << 10 << 5 << 1000 << "more than 5 aligned columns";
        QTest::newRow("columns psicov") << QByteArray("MKVLAGHTEW\n") << 10 << 5 << 1000 << "more than 5 aligned";
        QTest::newRow("columns clustal") << QByteArray("CLUSTAL\n\na MKVLAGHTEW\n") << 10 << 5 << 1000
                                         << "more than 5 aligned";
        QTest::newRow("columns stockholm")
            << QByteArray("# STOCKHOLM 1.0\na MKVLAGHTEW\n//\n") << 10 << 5 << 1000 << "exceed the limit of 5";
        QTest::newRow("bytes") << three << 10 << 100 << 20 << "more than the limit of 20";
        QTest::newRow("gzip bomb") << gzipOf("msa/T1001.a3m.gz") << 1000 << 1000 << 20000
                                   << "decompressed data exceeds the limit of 20000 bytes";
    }
    void limits() {
        QFETCH(QByteArray, content);
        QFETCH(int, maxRows);
        QFETCH(int, maxColumns);
        QFETCH(int, maxBytes);
        QFETCH(QString, mustContain);
        axs::MsaReadOptions o;
        o.maxRows = size_t(maxRows);
        o.maxColumns = size_t(maxColumns);
        o.maxBytes = size_t(maxBytes);
        try {
            axs::readMsaFromString(content.toStdString(), "limited.txt", o);
            QFAIL("expected an axs::Error");
        } catch (const axs::Error& e) {
            QVERIFY2(QString(e.what()).startsWith("limited.txt: "), e.what());
            QVERIFY2(QString(e.what()).contains(mustContain), e.what());
        }
        // Within the limits the same input reads (except the deliberately over-size ones).
        QVERIFY(axs::readMsaFromString(content.toStdString(), "unlimited.txt").depth() >= 1);
    }

    void defaultLimits() {
        const axs::MsaReadOptions o;
        QCOMPARE(o.maxRows, size_t{200000});
        QCOMPARE(o.maxColumns, size_t{100000});
    }

    // Fuzz: truncations, byte flips and random bytes through every reader (format forced)
    // and through the sniffing entry point. Only axs::Error may come out.
    void robustness_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : {"msa/T1001.a3m", "msa/PF09645_full.stockholm", "msa/2crb_mgnify_hits.sto",
                              "msa/handmade.clustal.aln", "msa/handmade.psicov.aln", "msa/T1001.a3m.gz",
                              "msa/handmade.clustal.aln.gz", "reference/inputs/handmade_3x10.a3m"})
            QTest::newRow(f) << QString(f);
    }
    void robustness() {
        QFETCH(QString, file);
        const QByteArray original = fileBytes(axs::test::dataPath(file));
        QVERIFY(!original.isEmpty());
        std::mt19937 rng(12345);
        std::vector<std::string> inputs{original.toStdString()};
        for (int cut = 0; cut < original.size(); cut += std::max<int>(1, original.size() / 97))
            inputs.push_back(original.left(cut).toStdString());
        // AXS_FUZZ_ROUNDS raises the number of mutated inputs for a longer run by hand.
        const int rounds =
            qEnvironmentVariableIsSet("AXS_FUZZ_ROUNDS") ? qEnvironmentVariableIntValue("AXS_FUZZ_ROUNDS") : 150;
        for (int k = 0; k < rounds; ++k) {
            std::string s = original.toStdString();
            const int flips = 1 + int(rng() % 8);
            for (int j = 0; j < flips; ++j) {
                const size_t at = rng() % s.size();
                const size_t len = 1 + rng() % 40;
                switch (rng() % 4) {
                    case 0:
                        s[at] = char(rng() & 0xff);
                        break;
                    case 1:
                        s[at] = "\n>#/ -.*\r\t"[rng() % 10];
                        break;
                    case 2:
                        s = s.substr(0, at) + s.substr(std::min(s.size(), at + len));
                        break;
                    default:
                        s = s.substr(0, at) + std::string(len % 5 + 1, "ACJ-.\n "[rng() % 7]) + s.substr(at);
                        break;
                }
                if (s.empty()) s.push_back('x');
            }
            inputs.push_back(s);
        }
        for (int k = 0; k < 30; ++k) {
            std::string s(size_t(rng() % 300), '\0');
            for (char& c : s) c = char(rng() % 3 ? "ACDEFGHIK-.>\n #/"[rng() % 16] : rng() & 0xff);
            inputs.push_back(s);
        }
        std::vector<std::string> formats{""};
        for (const auto& f : axs::msaFormats()) formats.push_back(f.id);
        int ok = 0, rejected = 0;
        for (const auto& in : inputs) {
            for (const auto& fmt : formats) {
                axs::MsaReadOptions o;
                o.format = fmt;
                try {
                    const axs::Msa m = axs::readMsaFromString(in, "fuzz", o);
                    QVERIFY(m.depth() >= 1 && m.width() >= 1);
                    for (const auto& r : m.rows) QCOMPARE(r.size(), m.width());
                    ++ok;
                } catch (const axs::Error& e) {
                    QVERIFY(QString(e.what()).startsWith("fuzz: "));
                    ++rejected;
                }
                (void)axs::sniffMsaFormat(in, "fuzz.a3m");
            }
        }
        QVERIFY(ok > 0);
        QVERIFY(rejected > 0);
    }
};

QTEST_APPLESS_MAIN(TestMsaErrors)
#include "test_msa_errors.moc"
