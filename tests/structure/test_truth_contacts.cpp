// The structure module's query contact maps equal shared/data/derived/truth/<id> (made by
// make_truth.py with Biopython): same missing positions, same contact set, same
// distances to the printed 3 decimals. The query is the target sequence written in
// each truth file, so this checks structure reading, chain choice, the virtual C-beta,
// the query-chain alignment and the 8 A rule end to end.
#include <QTest>
#include <cmath>
#include <set>

#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "test_paths.hpp"
#include "truth_file.hpp"

using namespace axs;

class TestTruthContacts : public QObject {
    Q_OBJECT
private slots:
    void matchesDerivedTruth_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("structure");
        QTest::addColumn<QString>("chain");  // as in truth_config.json
        QTest::newRow("1a3a (X-ray, chain A 4-148)") << "1a3a"
                                                     << "structures/1a3a/1a3a.pdb"
                                                     << "A";
        QTest::newRow("1atz (blank chain)") << "1atz"
                                            << "structures/1atz/1atzA.pdb"
                                            << " ";
        QTest::newRow("1guu") << "1guu"
                              << "structures/1guu/1guu.pdb"
                              << "A";
        QTest::newRow("1mkc") << "1mkc"
                              << "structures/1mkc/1mkcA00.pdb"
                              << "A";
        QTest::newRow("16pk (blank chain, renumbered)") << "16pk"
                                                        << "structures/16pk/16pkA.pdb"
                                                        << " ";
        QTest::newRow("T1001 (query residue 1 unmodelled)") << "T1001"
                                                            << "structures/T1001/T1001-D1.pdb"
                                                            << " ";
        QTest::newRow("T0866 (79 query residues unmodelled)") << "T0866"
                                                              << "structures/T0866/T0866-D1.pdb"
                                                              << " ";
        QTest::newRow("2crb (NMR, first of 20 models)") << "2crb"
                                                        << "structures/2crb/2crb.cif"
                                                        << "A";
        QTest::newRow("3u8v (missing 45-49, 89-93)") << "3u8v"
                                                     << "structures/3u8v/3u8v.cif"
                                                     << "A";
        QTest::newRow("1psm (NMR)") << "1psm"
                                    << "structures/1psm/1psm.cif"
                                    << "A";
    }
    void matchesDerivedTruth() {
        QFETCH(QString, id);
        QFETCH(QString, structure);
        QFETCH(QString, chain);
        AXS_REQUIRE_SHARED(truthPath, "data/derived/truth/" + id + ".cb8_contacts.tsv");
        AXS_REQUIRE_SHARED(structurePath, "data/" + structure);
        const test::TruthFile truth = test::readTruthFile(truthPath);
        QVERIFY(truth.ok);

        const ProteinStructure st = readStructure(structurePath.toStdString());
        const StructureChain& ch = st.chain(chain.toStdString());
        const QueryMapping mapping = mapQueryToChain(truth.sequence, ch);
        QVERIFY2(!mapping.lowConfidence, mapping.warning.c_str());
        const QueryContactMap map = queryContactMap(ch, mapping);

        std::set<int> missing;
        for (int p = 0; p < truth.length; ++p)
            if (!map.hasCoordinates[p]) missing.insert(p + 1);
        QCOMPARE(missing, truth.missing);
        QCOMPARE(map.positionsWithCoordinates, size_t(truth.length) - truth.missing.size());

        std::set<std::pair<int, int>> listed;
        for (const auto& p : truth.pairs) {
            listed.insert({p.i, p.j});
            QCOMPARE(map.contacts.at(p.i - 1, p.j - 1), int64_t(1));
            // Printed with 3 decimals: |ours - printed| <= 0.0005 (+ float32 storage of ours).
            const double d = map.distances.at(p.i - 1, p.j - 1);
            QVERIFY2(std::fabs(d - p.d) <= 0.0005 + 1e-5,
                     qPrintable(QString("%1-%2: %3 vs %4").arg(p.i).arg(p.j).arg(d).arg(p.d)));
        }
        size_t ours = 0;
        for (int i = 0; i < truth.length; ++i)
            for (int j = i + 1; j < truth.length; ++j) {
                const int64_t c = map.contacts.at(i, j);
                const bool known = !truth.missing.count(i + 1) && !truth.missing.count(j + 1);
                QCOMPARE(c, known ? int64_t(listed.count({i + 1, j + 1}) ? 1 : 0) : int64_t(-1));
                ours += c == 1;
            }
        QCOMPARE(ours, truth.pairs.size());
    }
};

QTEST_APPLESS_MAIN(TestTruthContacts)
#include "test_truth_contacts.moc"
