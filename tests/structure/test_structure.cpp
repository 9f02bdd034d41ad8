// Structure reading and query mapping on small committed files (tests/data/structure,
// see its README) and a few shared ones: altlocs, missing atoms, insertion codes, MSE,
// ligands and waters, blank chains, multiple models, gzip, missing residues, a query
// that does not match, and corrupt files.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "common/error.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "structure/virtual_cb.hpp"
#include "test_paths.hpp"

using namespace axs;
using axs::test::dataFile;

namespace {

const StructureResidue* findResidue(const StructureChain& ch, const std::string& authorId) {
    for (const StructureResidue& r : ch.residues)
        if (r.authorId() == authorId) return &r;
    return nullptr;
}

double dist(const Point3& a, const Point3& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

// 3u8v chain A: the query of the OpenFold alignments (93 residues; MANIFEST: 1-44 and
// 50-88 modelled).
const char* k3u8vQuery =
    "SGHTAHVDEAVKHAEEAVAHGKEGHTDQLLEHAKESLTHAKAASEAGGNTHVGHGIKHLEDAIKHGEEGHVGVATKHAQEAIEHLRASEHKSH";

}  // namespace

class TestStructure : public QObject {
    Q_OBJECT
private slots:
    void edgeCases() {
        const ProteinStructure st = readStructure(dataFile("structure/edge_cases.pdb"));
        QCOMPARE(st.format, std::string("pdb"));
        QCOMPARE(st.modelCount, size_t(2));
        QCOMPARE(st.chains.size(), size_t(2));
        const StructureChain& a = st.defaultChain();
        QCOMPARE(a.id, std::string("A"));
        // SO4 and HOH dropped; HETATM MSE kept as M; ASN 6 kept without backbone.
        QCOMPARE(a.sequence(), std::string("TLNSMK"));
        QCOMPARE(a.residues[1].authorId(), std::string("5"));
        QCOMPARE(a.residues[3].authorId(), std::string("7A"));
        QVERIFY(findResidue(a, "7A") != nullptr);
        QCOMPARE(a.residues[4].name, std::string("MSE"));
        QVERIFY(a.residues[4].hetatm);
        QVERIFY(a.residues[4].hasBackbone);
        QVERIFY(!a.residues[2].hasBackbone);  // ASN 6 has no CA
        // Altloc: the first listed (A) wins, not B (x + 1 A). Model 1 is used, not model 2 (x + 50 A).
        QCOMPARE(a.residues[1].ca[0], double(3.220f));
        QCOMPARE(a.residues[0].ca[0], double(1.823f));
        // Blank chain: found by "" and " ", shown as (blank).
        QCOMPARE(st.chain("").residues.size(), size_t(2));
        QCOMPARE(st.chain(" ").displayId(), std::string("(blank)"));
    }

    void virtualCbGeometry() {
        const ProteinStructure st = readStructure(dataFile("structure/2VQC.pdb"));
        for (const StructureResidue& r : st.chain("A").residues) {
            QVERIFY(r.hasBackbone);
            QVERIFY(std::fabs(dist(r.ca, r.cb) - kCbBondLength) < 1e-9);
            // angle N-CA-CB
            const Point3 u{r.n[0] - r.ca[0], r.n[1] - r.ca[1], r.n[2] - r.ca[2]};
            const Point3 v{r.cb[0] - r.ca[0], r.cb[1] - r.ca[1], r.cb[2] - r.ca[2]};
            const double cosang = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (dist(r.n, r.ca) * dist(r.cb, r.ca));
            QVERIFY(std::fabs(std::acos(cosang) - kCbAngle) < 1e-9);
        }
    }

    void mseKeptAsMethionine_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("PDB") << "structure/2VQC.pdb";
        QTest::newRow("mmCIF.gz") << "structure/2vqc.cif.gz";
    }
    void mseKeptAsMethionine() {
        QFETCH(QString, file);
        const ProteinStructure st = readStructure(dataFile(file));
        const StructureChain& a = st.chain("A");
        // MANIFEST: chain A, 70 residues 4..73, two MSE (author 10 and 14 per MODRES).
        QCOMPARE(a.residues.size(), size_t(70));
        QCOMPARE(a.residues.front().authorId(), std::string("4"));
        QCOMPARE(a.residues.back().authorId(), std::string("73"));
        int mse = 0;
        for (const StructureResidue& r : a.residues)
            if (r.name == "MSE") {
                ++mse;
                QCOMPARE(r.oneLetter, 'M');
                QVERIFY(r.hasBackbone);
            }
        QCOMPARE(mse, 2);
        QCOMPARE(findResidue(a, "10")->oneLetter, 'M');
        QCOMPARE(findResidue(a, "14")->oneLetter, 'M');
    }

    void pdbAndCifAgree() {
        const ProteinStructure pdb = readStructure(dataFile("structure/2VQC.pdb"));
        const ProteinStructure cif = readStructure(dataFile("structure/2vqc.cif.gz"));
        QCOMPARE(cif.format, std::string("mmcif"));
        const StructureChain& a = pdb.chain("A");
        const StructureChain& b = cif.chain("A");
        QCOMPARE(a.sequence(), b.sequence());
        for (size_t k = 0; k < a.residues.size(); ++k) {
            QCOMPARE(a.residues[k].authorId(), b.residues[k].authorId());
            QCOMPARE(a.residues[k].cb, b.residues[k].cb);
        }
        QVERIFY(b.residues.front().labelSeq > 0);  // label numbering is known in mmCIF
        QCOMPARE(a.residues.front().labelSeq, -1);
    }

    void missingResidues_data() {
        QTest::addColumn<QString>("chain");
        QTest::newRow("chain A") << "A";
        QTest::newRow("chain B") << "B";
    }
    void missingResidues() {
        QFETCH(QString, chain);
        const ProteinStructure st = readStructure(dataFile("structure/3u8v.cif.gz"));
        const StructureChain& ch = st.chain(chain.toStdString());
        const QueryMapping m = mapQueryToChain(k3u8vQuery, ch);
        QCOMPARE(m.queryResidues, size_t(93));
        QCOMPARE(m.alignedPairs, size_t(83));
        QCOMPARE(m.identity, 1.0);
        QVERIFY(!m.lowConfidence);
        for (int q = 0; q < 93; ++q) {
            const bool modelled = (q + 1 <= 44) || (q + 1 >= 50 && q + 1 <= 88);
            QCOMPARE(m.residueIndex[q] >= 0, modelled);
            if (modelled) QCOMPARE(ch.residues[m.residueIndex[q]].authorId(), std::to_string(q + 1));
        }
        QCOMPARE(describeMapping(m, ch), std::string("q1-44 -> 1-44, q50-88 -> 50-88"));
        const QueryContactMap map = queryContactMap(ch, m);
        QCOMPARE(map.positionsWithCoordinates, size_t(83));
        QCOMPARE(map.contacts.at(46, 10), int64_t(-1));
        QVERIFY(std::isnan(map.distances.at(46, 10)));
        QCOMPARE(map.contacts.at(0, 0), int64_t(1));
        QCOMPARE(map.contacts.at(0, 1), int64_t(1));  // neighbours are always within 8 A
    }

    void gappedQuery() {
        // Gaps in the query row map to nothing and keep their positions.
        const ProteinStructure st = readStructure(dataFile("structure/3u8v.cif.gz"));
        std::string q = std::string("--") + k3u8vQuery;
        const QueryMapping m = mapQueryToChain(q, st.chain("A"));
        QCOMPARE(m.residueIndex.size(), q.size());
        QCOMPARE(m.residueIndex[0], -1);
        QCOMPARE(st.chain("A").residues[m.residueIndex[2]].authorId(), std::string("1"));
    }

    void mismatchingQuery_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("lowIdentity");
        QTest::newRow("unrelated sequence")
            << "WWPPGGWWPPGGCCHHWWPPGGWWPPGGCCHHWWPPGGWWPPGGCCHHWWPPGGWWPPGGCCHHWWPPGG" << true;
        QTest::newRow("long unrelated head (low coverage)") << QString(80, 'W') + "{chain}" << false;
        QTest::newRow("empty query") << "" << true;
    }
    void mismatchingQuery() {
        QFETCH(QString, query);
        QFETCH(bool, lowIdentity);
        const ProteinStructure st = readStructure(dataFile("structure/2VQC.pdb"));
        query.replace("{chain}", QString::fromStdString(st.chain("A").sequence()));
        const QueryMapping m = mapQueryToChain(query.toStdString(), st.chain("A"));
        QVERIFY(m.lowConfidence);
        QVERIFY(!m.warning.empty());
        QCOMPARE(m.identity < kMinMappingIdentity, lowIdentity);
        const QueryContactMap map = queryContactMap(st.chain("A"), m);  // no crash, shapes follow the query
        QCOMPARE(map.contacts.shape[0], int64_t(query.size()));
    }

    void unknownChainNamesFileAndChains() {
        const std::string path = dataFile("structure/edge_cases.pdb");
        const ProteinStructure st = readStructure(path);
        try {
            st.chain("Z");
            QFAIL("expected axs::Error");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find(path) != std::string::npos, e.what());
            QVERIFY2(msg.find("A, (blank)") != std::string::npos, e.what());
        }
    }

    void corruptFiles_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QByteArray() << "empty.pdb";
        QTest::newRow("prose") << QByteArray("This is not a structure.\nJust some words.\n") << "words.pdb";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\xff\xfe garbage", 14) << "binary.cif";
        QTest::newRow("broken gzip") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage!", 18)
                                     << "broken.cif.gz";
        QTest::newRow("mmCIF with a broken loop")
            << QByteArray("data_x\nloop_\n_atom_site.group_PDB\n_atom_site.id\n_atom_site.Cartn_x\nATOM 1\n")
            << "loop.cif";
        QTest::newRow("mmCIF without atoms") << QByteArray("data_x\n_entry.id X\n") << "noatoms.cif";
        QTest::newRow("PDB with only a header") << QByteArray("HEADER    NOTHING HERE\nEND\n") << "header.pdb";
        QTest::newRow("truncated ATOM line") << QByteArray("ATOM      1  N   THR A   4       2.4\n") << "short.pdb";
    }
    void corruptFiles() {
        QFETCH(QByteArray, content);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        try {
            readStructure(path.toStdString());
            QFAIL("expected axs::Error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(path.toStdString()) != std::string::npos, e.what());
        }
    }

    // Found by fuzz_structure: gemmi 0.5.7 read the distance / link-id columns of SSBOND and
    // LINK records past the end of lines 74 to 79 characters long (a heap over-read that the
    // sanitizer build of this test reports; see normalisePdbLines in structure_io.cpp). Such
    // records must read like the plain file.
    void shortConnectionRecords_data() {
        QTest::addColumn<QByteArray>("record");
        // 73 characters and a newline: gemmi parsed the 5-column distance from column 74 on.
        const QByteArray ssbond = "SSBOND   1 CYS A    4    CYS A    5                          1555   1555 ";
        const QByteArray link = "LINK         N   THR A   4                 CA  LEU A   5     1555   1555 ";
        QTest::newRow("SSBOND, 73 columns") << ssbond + "\n";
        QTest::newRow("SSBOND, 73 columns, CRLF") << ssbond + "\r\n";
        QTest::newRow("ssbond in lower case") << ssbond.toLower() + "\n";
        QTest::newRow("LINK, 73 columns") << link + "\n";
        // LINKR: an 8-column link id from column 73 on.
        QTest::newRow("LINKR, 77 columns") << "LINKR" + link.mid(5) + "gap \n";
        // gemmi skipped the rest of a line over 120 characters only up to a byte above 0x7f.
        QTest::newRow("LINK hidden in a long line") << "REMARK 99 " + QByteArray(115, 'x') + "\xee" + link + "\n";
    }
    void shortConnectionRecords() {
        QFETCH(QByteArray, record);
        QFile f(QString::fromStdString(dataFile("structure/edge_cases.pdb")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray plain = f.readAll();
        const int firstAtom = plain.indexOf("ATOM");
        const QByteArray withRecord = plain.left(firstAtom) + record + plain.mid(firstAtom);
        const ProteinStructure a = readStructureFromMemory(plain.toStdString(), "plain.pdb");
        const ProteinStructure b = readStructureFromMemory(withRecord.toStdString(), "ssbond.pdb");
        QCOMPARE(b.chains.size(), a.chains.size());
        for (size_t c = 0; c < a.chains.size(); ++c) QCOMPARE(b.chains[c].sequence(), a.chains[c].sequence());
    }

    void missingFile() { QVERIFY_THROWS_EXCEPTION(Error, readStructure("/nonexistent/structure.pdb")); }

    // Shared (GPL / large) files.
    void blankChainRenumbered() {
        AXS_REQUIRE_SHARED(path, "data/structures/16pk/16pkA.pdb");
        const ProteinStructure st = readStructure(path.toStdString());
        const StructureChain& ch = st.defaultChain();
        QCOMPARE(ch.id, std::string());
        QCOMPARE(ch.residues.size(), size_t(256));
        QCOMPARE(ch.residues.front().authorId(), std::string("1"));
        QCOMPARE(ch.residues.back().authorId(), std::string("256"));
        QVERIFY_THROWS_EXCEPTION(Error, st.chain("A"));
    }

    void nmrFirstModelOnly() {
        AXS_REQUIRE_SHARED(path, "data/structures/2crb/2crb.cif");
        const ProteinStructure st = readStructure(path.toStdString());
        QCOMPARE(st.modelCount, size_t(20));
        const StructureChain& a = st.chain("A");
        QCOMPARE(a.residues.size(), size_t(97));
        // Model 1's first CA, read independently from the _atom_site loop.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        double x = NAN;
        while (!f.atEnd()) {
            const QStringList t = QString::fromLatin1(f.readLine()).simplified().split(' ');
            if (t.size() > 20 && t[0] == "ATOM" && t[3] == "CA") {
                x = t[10].toDouble();
                break;
            }
        }
        QCOMPARE(a.residues.front().ca[0], double(float(x)));
    }

    void wrongStructureForMsaQuery() {
        // 2vqc row 0 of the Pfam alignment is another family member (MANIFEST: 51 identical
        // over 70 aligned): the mapping works but is flagged.
        AXS_REQUIRE_SHARED(msaPath, "data/msa/2vqc/PF09645_full.stockholm");
        QFile f(msaPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString row0;
        while (!f.atEnd()) {
            const QString line = QString::fromLatin1(f.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith('#') || line.startsWith("//")) continue;
            if (line.startsWith("C3N734_SULIY/1-95")) row0 += line.section(' ', -1);
        }
        QString query;
        for (QChar c : row0)
            if (c.isLetter()) query += c.toUpper();  // columns where the first row has a residue
        QCOMPARE(query.size(), 95);
        const ProteinStructure st = readStructure(dataFile("structure/2VQC.pdb"));
        const QueryMapping m = mapQueryToChain(query.toStdString(), st.chain("A"));
        QVERIFY(m.lowConfidence);
        QVERIFY(m.identity < 0.9 && m.identity > 0.5);
        QVERIFY(m.warning.find("identity") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestStructure)
#include "test_structure.moc"
