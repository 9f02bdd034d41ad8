// Reading every supported format from real files (committed ones and ../shared), gzip,
// content sniffing independent of the file name, and the details of each format's rules.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "msa/alphabet.hpp"
#include "msa/msa_formats.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "test_paths.hpp"

namespace {

std::string ungapped(const std::string& row) {
    std::string s;
    for (char c : row)
        if (c != '-') s.push_back(c);
    return s;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Reads a file under tests/data (committed) or ../shared/data (skips when absent).
#define AXS_RESOLVE(var, rel, shared)                                      \
    QString var;                                                           \
    if (shared) {                                                          \
        AXS_REQUIRE_SHARED(var##_shared, QStringLiteral("data/") + (rel)); \
        var = var##_shared;                                                \
    } else {                                                               \
        var = axs::test::dataPath(rel);                                    \
    }

void checkInvariants(const axs::Msa& m) {
    QVERIFY(m.depth() > 0);
    QCOMPARE(m.names.size(), m.rows.size());
    QVERIFY(m.descriptions.empty() || m.descriptions.size() == m.rows.size());
    for (const auto& row : m.rows) {
        QCOMPARE(row.size(), m.width());
        for (char c : row) QVERIFY2(axs::alphabet::isAlignmentChar(c), row.c_str());
    }
}

}  // namespace

class TestMsaIo : public QObject {
    Q_OBJECT
private slots:
    // Sizes (rows x match columns) and first-row names are the ones in shared/data/MANIFEST.md.
    void realFiles_data() {
        QTest::addColumn<QString>("rel");
        QTest::addColumn<bool>("shared");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("firstName");
        auto add = [](const char* tag, QString rel, bool shared, QString fmt, int r, int c, QString first) {
            QTest::newRow(tag) << rel << shared << fmt << r << c << first;
        };
        add("2vqc Pfam stockholm (committed)", "msa/PF09645_full.stockholm", false, "stockholm", 4, 95,
            "C3N734_SULIY/1-95");
        add("1psm mgnify sto (committed)", "msa/1psm_mgnify_hits.sto", false, "stockholm", 9, 38, "query");
        add("1psm uniref90 sto (committed)", "msa/1psm_uniref90_hits.sto", false, "stockholm", 20, 38, "query");
        add("1psm a3m (committed)", "msa/1psm_bfd_uniclust_hits.a3m", false, "a3m", 12, 38, "query");
        add("2crb mgnify sto (committed)", "msa/2crb_mgnify_hits.sto", false, "stockholm", 19, 97, "query");
        add("T1001 a3m (committed)", "msa/T1001.a3m", false, "a3m", 193, 140, "seq1");
        add("T1001 a3m.gz", "msa/T1001.a3m.gz", false, "a3m", 193, 140, "seq1");
        add("T1001 two gzip members", "msa/two_members.a3m.gz", false, "a3m", 193, 140, "seq1");
        add("2vqc stockholm.gz", "msa/PF09645_full.stockholm.gz", false, "stockholm", 4, 95, "C3N734_SULIY/1-95");
        add("hand-made clustal", "msa/handmade.clustal.aln", false, "clustal", 3, 24, "seq_query");
        add("hand-made clustal.gz", "msa/handmade.clustal.aln.gz", false, "clustal", 3, 24, "seq_query");
        add("hand-made psicov", "msa/handmade.psicov.aln", false, "psicov", 3, 12, "");
        add("2crb uniref90 sto", "msa/2crb/uniref90_hits.sto", true, "stockholm", 449, 97, "query");
        add("2crb a3m", "msa/2crb/bfd_uniclust_hits.a3m", true, "a3m", 416, 97, "query");
        add("3u8v uniref90 sto", "msa/3u8v/uniref90_hits.sto", true, "stockholm", 479, 93, "query");
        add("3u8v mgnify sto", "msa/3u8v/mgnify_hits.sto", true, "stockholm", 157, 93, "query");
        add("3u8v a3m", "msa/3u8v/bfd_uniclust_hits.a3m", true, "a3m", 734, 93, "query");
        add("1atz psicov", "msa/1atz/1atzA.aln", true, "psicov", 3068, 75, "");
        add("1atz fasta", "msa/1atz/1atzA.fas", true, "fasta", 3068, 75, "seq_0");
        add("1guu psicov", "msa/1guu/1guuA.aln", true, "psicov", 8811, 50, "");
        add("1mkc psicov", "msa/1mkc/1mkcA00.aln", true, "psicov", 142, 43, "");
        add("16pk psicov", "msa/16pk/16pkA0.aln", true, "psicov", 706, 256, "");
        add("T0866 a3m", "msa/T0866/hhb-cov60.a3m", true, "a3m", 4016, 183, "T0866");
        add("T0866 psicov", "msa/T0866/T0866.aln", true, "psicov", 4016, 183, "");
        add("1a3a esm example (bare headers)", "msa/1a3a/1a3a_1_A.a3m", true, "a3m", 1024, 145, "");
        add("1a3a hhblits", "msa/1a3a/hhblits_uniclust_2017_10_1a3a_1_A.a3m", true, "a3m", 1303, 145, "1a3a_1_A");
        add("5ahw esm example", "msa/5ahw/5ahw_1_A.a3m", true, "a3m", 1024, 125, "");
        add("5ahw hhblits", "msa/5ahw/hhblits_uniclust_2017_10_5ahw_1_A.a3m", true, "a3m", 1631, 125, "5ahw_1_A");
        add("1xcr esm example", "msa/1xcr/1xcr_1_A.a3m", true, "a3m", 588, 313, "");
        add("1xcr hhblits", "msa/1xcr/hhblits_uniclust_2017_10_1xcr_1_A.a3m", true, "a3m", 251, 313, "1xcr_1_A");
    }
    void realFiles() {
        QFETCH(QString, rel);
        QFETCH(bool, shared);
        QFETCH(QString, format);
        QFETCH(int, rows);
        QFETCH(int, columns);
        QFETCH(QString, firstName);
        AXS_RESOLVE(path, rel, shared);
        const axs::Msa m = axs::readMsa(path.toStdString());
        QCOMPARE(QString::fromStdString(m.format), format);
        QCOMPARE(int(m.depth()), rows);
        QCOMPARE(int(m.width()), columns);
        QCOMPARE(QString::fromStdString(m.names.front()), firstName);
        QCOMPARE(m.sourcePath, path.toStdString());
        checkInvariants(m);
        // The sniffer alone (first 4 KiB) agrees with the full read.
        QCOMPARE(
            QString::fromStdString(axs::sniffMsaFormat(fileBytes(path).left(4096).toStdString(), rel.toStdString())),
            format);
    }

    // The same protein in Stockholm and A3M: the query rows agree (Stockholm insert columns
    // removed, A3M insertions deleted), and the raw Stockholm width was larger.
    void stockholmQueryMatchesA3m_data() {
        QTest::addColumn<QString>("sto");
        QTest::addColumn<QString>("a3m");
        QTest::addColumn<bool>("shared");
        QTest::newRow("1psm mgnify") << "msa/1psm_mgnify_hits.sto"
                                     << "msa/1psm_bfd_uniclust_hits.a3m" << false;
        QTest::newRow("1psm uniref90") << "msa/1psm_uniref90_hits.sto"
                                       << "msa/1psm_bfd_uniclust_hits.a3m" << false;
        QTest::newRow("2crb uniref90") << "msa/2crb/uniref90_hits.sto"
                                       << "msa/2crb/bfd_uniclust_hits.a3m" << true;
        QTest::newRow("3u8v uniref90") << "msa/3u8v/uniref90_hits.sto"
                                       << "msa/3u8v/bfd_uniclust_hits.a3m" << true;
        QTest::newRow("3u8v mgnify") << "msa/3u8v/mgnify_hits.sto"
                                     << "msa/3u8v/bfd_uniclust_hits.a3m" << true;
    }
    void stockholmQueryMatchesA3m() {
        QFETCH(QString, sto);
        QFETCH(QString, a3m);
        QFETCH(bool, shared);
        AXS_RESOLVE(stoPath, sto, shared);
        AXS_RESOLVE(a3mPath, a3m, shared);
        const axs::Msa s = axs::readMsa(stoPath.toStdString());
        const axs::Msa a = axs::readMsa(a3mPath.toStdString());
        QCOMPARE(s.query(), a.query());
        QCOMPARE(s.query().find('-'), std::string::npos);
    }

    void stockholmDetails() {
        const axs::Msa m = axs::readMsa(axs::test::dataFile("msa/PF09645_full.stockholm"));
        QCOMPARE(m.names, (std::vector<std::string>{"C3N734_SULIY/1-95", "H2C869_9CREN/7-104", "Y070_ATV/2-70",
                                                    "F112_SSV1/3-112"}));
        // Row 0 is the query: its 95 residues (lower-case ones included, upper-cased) stay.
        QCOMPARE(m.query().size(), size_t{95});
        QVERIFY(m.query().starts_with("MPNSYQMAEIMYKIL"));
        QVERIFY(m.query().ends_with("K"));
        // '.' in kept columns became '-' (row 3 has ".." under the query's "mp"; "QTL" sits in insert columns).
        QVERIFY(m.rows[3].starts_with("--NSYKMAEIMYKIL"));
        // #=GS lines are kept per row; the DR PDB line is what the structure mapping needs.
        QCOMPARE(m.descriptions.size(), size_t{4});
        QVERIFY(QString::fromStdString(m.descriptions[3]).contains("DR PDB; 2VQC A; 4-73;"));
        QVERIFY(QString::fromStdString(m.descriptions[3]).contains("AC P20220.1"));
        QCOMPARE(m.descriptions[0], std::string("AC C3N734.1"));
    }

    void stockholmMultipleBlocks() {
        const std::string text =
            "# STOCKHOLM 1.0\n#=GF ID test\n\nq     AC-D.E\nh1    ACkDaE\n#=GR h1 SS HHHHHH\n\n"
            "q     FG\nh1    F-\n#=GC SS_cons XX\n//\n";
        const axs::Msa m = axs::readMsaFromString(text, "blocks.sto");
        QCOMPARE(m.format, std::string("stockholm"));
        QCOMPARE(m.rows, (std::vector<std::string>{"ACDEFG", "ACDEF-"}));
        QCOMPARE(m.sourcePath, std::string());
    }

    void clustalDetails() {
        const axs::Msa m = axs::readMsa(axs::test::dataFile("msa/handmade.clustal.aln"));
        QCOMPARE(m.names, (std::vector<std::string>{"seq_query", "homolog_1", "homolog_2"}));
        QCOMPARE(m.rows, (std::vector<std::string>{"MKV-L-AGHTEWRDNPQFYCSTLG", "MKIAVLAG-TEWKDNPQFYCATL-",
                                                   "MKV-ALAGHXEW-DNPEFYCSTLG"}));
    }

    void psicovDetails() {
        const axs::Msa m = axs::readMsa(axs::test::dataFile("msa/handmade.psicov.aln"));
        QCOMPARE(m.rows, (std::vector<std::string>{"MKV-L-AGHTEW", "MKIAVLAG-TEW", "MKV-ALAGHXEW"}));
        QCOMPARE(m.names, (std::vector<std::string>(3)));
    }

    // The official A3M rule on the reference inputs: deletions, wrapped lines, bare headers.
    void a3mOfficialRule() {
        const axs::Msa h = axs::readMsa(axs::test::dataFile("reference/inputs/handmade_3x10.a3m"));
        QCOMPARE(h.rows, (std::vector<std::string>{"MKV-LAGHTE", "MKIVLAG-TE", "M-VALAGXSE"}));
        QCOMPARE(h.names, (std::vector<std::string>{"query", "hom1", "hom2"}));
        QCOMPARE(h.descriptions[2], std::string("a dot, an insertion and a wrapped line"));
        const axs::Msa e = axs::readMsa(axs::test::dataFile("reference/inputs/1a3a_1_A.first8.a3m"));
        QCOMPARE(e.depth(), size_t{8});
        for (const auto& n : e.names) QVERIFY(n.empty());
    }

    void a3mVariants_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("rows");
        QTest::newRow("CRLF") << ">a\r\nAC-D\r\n>b\r\nAcC-D\r\n" << QStringList{"AC-D", "AC-D"};
        QTest::newRow("stars and dots deleted") << ">a\nAC-D*\n>b\nA.C-.D\n" << QStringList{"AC-D", "AC-D"};
        QTest::newRow("spaces and tabs in sequence") << ">a\nA C\t-D\n>b\n AC -D \n" << QStringList{"AC-D", "AC-D"};
        QTest::newRow("hh-suite # line first") << "#2\t1\n>a\nAC\n>b\nA-\n" << QStringList{"AC", "A-"};
        QTest::newRow("blank lines") << "\n\n>a\n\nAC\n\n>b\nA-\n\n" << QStringList{"AC", "A-"};
        QTest::newRow("empty headers") << ">\nAC\n>\nA-" << QStringList{"AC", "A-"};
        QTest::newRow("UTF-8 BOM and header") << "\xEF\xBB\xBF>\xC3\xA9t\xC3\xA9\nAC\n" << QStringList{"AC"};
    }
    void a3mVariants() {
        QFETCH(QString, text);
        QFETCH(QStringList, rows);
        const axs::Msa m = axs::readMsaFromString(text.toStdString(), "variant.a3m");
        QCOMPARE(int(m.depth()), rows.size());
        for (int i = 0; i < rows.size(); ++i) QCOMPARE(QString::fromStdString(m.rows[i]), rows[i]);
    }

    // The content decides the format even when the extension says otherwise.
    void wrongExtensions_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("copyName");
        QTest::addColumn<QString>("format");
        QTest::newRow("stockholm named .a3m") << "msa/PF09645_full.stockholm"
                                              << "x.a3m"
                                              << "stockholm";
        QTest::newRow("a3m named .aln") << "msa/T1001.a3m"
                                        << "x.aln"
                                        << "a3m";
        QTest::newRow("a3m named .sto") << "msa/1psm_bfd_uniclust_hits.a3m"
                                        << "x.sto"
                                        << "a3m";
        QTest::newRow("clustal named .fasta") << "msa/handmade.clustal.aln"
                                              << "x.fasta"
                                              << "clustal";
        QTest::newRow("psicov named .sto") << "msa/handmade.psicov.aln"
                                           << "x.sto"
                                           << "psicov";
        QTest::newRow("psicov without extension") << "msa/handmade.psicov.aln"
                                                  << "alignment"
                                                  << "psicov";
        QTest::newRow("gzip named .txt") << "msa/T1001.a3m.gz"
                                         << "x.txt"
                                         << "a3m";
        QTest::newRow("gzip stockholm named .a3m") << "msa/PF09645_full.stockholm.gz"
                                                   << "x.a3m"
                                                   << "stockholm";
        QTest::newRow("plain named .gz") << "msa/handmade.clustal.aln"
                                         << "x.aln.gz"
                                         << "clustal";
    }
    void wrongExtensions() {
        QFETCH(QString, source);
        QFETCH(QString, copyName);
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString copy = dir.filePath(copyName);
        QVERIFY(QFile::copy(axs::test::dataPath(source), copy));
        const axs::Msa viaCopy = axs::readMsa(copy.toStdString());
        const axs::Msa original = axs::readMsa(axs::test::dataFile(source));
        QCOMPARE(QString::fromStdString(viaCopy.format), format);
        QCOMPARE(viaCopy.rows, original.rows);
        QCOMPARE(viaCopy.names, original.names);
    }

    void gzipEqualsPlain_data() {
        QTest::addColumn<QString>("gz");
        QTest::addColumn<QString>("plain");
        QTest::newRow("a3m") << "msa/T1001.a3m.gz"
                             << "msa/T1001.a3m";
        QTest::newRow("two members") << "msa/two_members.a3m.gz"
                                     << "msa/T1001.a3m";
        QTest::newRow("stockholm") << "msa/PF09645_full.stockholm.gz"
                                   << "msa/PF09645_full.stockholm";
        QTest::newRow("clustal") << "msa/handmade.clustal.aln.gz"
                                 << "msa/handmade.clustal.aln";
    }
    void gzipEqualsPlain() {
        QFETCH(QString, gz);
        QFETCH(QString, plain);
        const axs::Msa a = axs::readMsa(axs::test::dataFile(gz));
        const axs::Msa b = axs::readMsa(axs::test::dataFile(plain));
        QCOMPARE(a.rows, b.rows);
        QCOMPARE(a.names, b.names);
        QCOMPARE(a.descriptions, b.descriptions);
        // Gzip bytes in memory (drag & drop) work too.
        const axs::Msa c = axs::readMsaFromString(fileBytes(axs::test::dataPath(gz)).toStdString(), "dropped");
        QCOMPARE(c.rows, b.rows);
    }

    void sniffer_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("format");
        QTest::newRow("fasta, no insertions") << ">a\nAC-D\n>b\nACCD\n"
                                              << "x"
                                              << "fasta";
        QTest::newRow("fasta content named .a3m") << ">a\nAC-D\n>b\nACCD\n"
                                                  << "x.a3m"
                                                  << "a3m";
        QTest::newRow("fasta content named .A3M.GZ") << ">a\nAC-D\n"
                                                     << "DIR.X/x.A3M.GZ"
                                                     << "a3m";
        QTest::newRow("insertions make a3m") << ">a\nAC-D\n>b\nAcCCD\n"
                                             << "x.fasta"
                                             << "a3m";
        QTest::newRow("stockholm") << "# STOCKHOLM 1.0\nq AC\n//\n"
                                   << "x.fasta"
                                   << "stockholm";
        QTest::newRow("clustal w") << "CLUSTAL W (1.83) multiple sequence alignment\n\na AC\n"
                                   << "x"
                                   << "clustal";
        QTest::newRow("muscle") << "MUSCLE (3.8) multiple sequence alignment\n\na AC\n"
                                << "x"
                                << "clustal";
        QTest::newRow("psicov") << "AC-D\nACCD\n"
                                << "x.a3m"
                                << "psicov";
        QTest::newRow("psicov cut mid-line") << "AC-DEF\nACCDEF\nAC"
                                             << "x"
                                             << "psicov";
        QTest::newRow("unequal lines are not psicov") << "AC-D\nACCDEF\n"
                                                      << "x.aln"
                                                      << "";
        QTest::newRow("prose") << "Dear reviewer, thanks.\n"
                               << "x.a3m"
                               << "";
        QTest::newRow("binary") << QString::fromLatin1("AC\0\0D", 5) << "x.aln"
                                << "";
        QTest::newRow("empty") << ""
                               << "x.a3m"
                               << "";
    }
    void sniffer() {
        QFETCH(QString, content);
        QFETCH(QString, fileName);
        QFETCH(QString, format);
        QCOMPARE(QString::fromStdString(axs::sniffMsaFormat(content.toStdString(), fileName.toStdString())), format);
    }

    void registry() {
        const auto& formats = axs::msaFormats();
        QStringList ids;
        for (const auto& f : formats) {
            ids << QString::fromStdString(f.id);
            QVERIFY(!f.displayName.empty());
            QVERIFY(!f.extensions.empty());
            QVERIFY(f.sniff && f.read);
            QCOMPARE(axs::findMsaFormat(f.id), &f);
        }
        QCOMPARE(ids, (QStringList{"a3m", "fasta", "stockholm", "clustal", "psicov"}));
        QCOMPARE(axs::findMsaFormat("nope"), nullptr);
        const auto ext = axs::allMsaExtensions();
        for (const char* e : {"a3m", "sto", "aln", "fasta"}) QVERIFY(std::find(ext.begin(), ext.end(), e) != ext.end());
    }

    void forcedFormat() {
        // A FASTA file forced to be read as PSICOV fails on the header line, not silently.
        axs::MsaReadOptions o;
        o.format = "psicov";
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::readMsa(axs::test::dataFile("msa/T1001.a3m"), o));
        o.format = "fasta";
        QCOMPARE(axs::readMsa(axs::test::dataFile("msa/T1001.a3m"), o).format, std::string("fasta"));
    }

    // PSICOV benchmark files: the target is row 2634, not row 0. The .aln (CCMpred) and .fas
    // (CCMgen) copies hold the same rows except that CCMgen turned the non-standard letters X and B of
    // the .aln into '-';
    // the helper finds the target by its sequence.
    void psicovTargetRow() {
        AXS_REQUIRE_SHARED(aln, "data/msa/1atz/1atzA.aln");
        AXS_REQUIRE_SHARED(fas, "data/msa/1atz/1atzA.fas");
        const axs::Msa a = axs::readMsa(aln.toStdString());
        const axs::Msa f = axs::readMsa(fas.toStdString());
        QCOMPARE(a.depth(), f.depth());
        QCOMPARE(a.width(), f.width());
        size_t differing = 0;
        for (size_t r = 0; r < a.depth(); ++r)
            for (size_t c = 0; c < a.width(); ++c)
                if (a.rows[r][c] != f.rows[r][c]) {
                    QVERIFY2((a.rows[r][c] == 'X' || a.rows[r][c] == 'B') && f.rows[r][c] == '-',
                             qPrintable(QString("row %1 col %2").arg(r).arg(c)));
                    ++differing;
                }
        QVERIFY(differing < a.depth() * a.width() / 100);
        QCOMPARE(a.rows[2634], f.rows[2634]);
        const auto byName = axs::findRowByName(f, "seq_2634");
        QVERIFY(byName.has_value());
        QCOMPARE(*byName, size_t{2634});
        const std::string target = ungapped(f.rows[2634]);
        QCOMPARE(target.size(), size_t{75});
        const auto bySeq = axs::findRowBySequence(a, target);
        QVERIFY(bySeq.has_value());
        const axs::Msa q = axs::withQueryFirst(a, *bySeq);
        QCOMPARE(ungapped(q.query()), target);
        QCOMPARE(q.depth(), a.depth());
    }
};

QTEST_APPLESS_MAIN(TestMsaIo)
#include "test_msa_io.moc"
