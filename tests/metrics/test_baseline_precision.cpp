// Every row of shared/data/derived/baseline_precision.tsv reproduced to the printed digits,
// two ways: (1) the whole pipeline the evaluate command uses (MSA query row -> prediction
// reader -> structure -> query/chain alignment -> virtual-CB truth -> precision), and
// (2) the precision alone on the published truth file (isolates metrics + readers).
// The baseline files are GPL and are read from ../shared in place.
#include <QTest>

#include "../structure/truth_file.hpp"
#include "baseline_rows.hpp"
#include "contacts/contact_prediction.hpp"
#include "metrics/contact_precision.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

using namespace axs;

class TestBaselinePrecision : public QObject {
    Q_OBJECT
private slots:
    void fullPipeline_data() { test::addBaselineRows(); }
    void fullPipeline() {
        AXS_FETCH_BASELINE_ROW(row);
        const Msa msa = withQueryFirst(readMsa(row.msa.toStdString()), size_t(row.queryRow));
        const std::string query = msa.query();
        const ContactPrediction pred = readContactPrediction(row.prediction.toStdString(), query.size());
        QCOMPARE(pred.duplicatePairs, size_t(0));
        const ProteinStructure st = readStructure(row.structure.toStdString());
        const StructureChain& chain = st.chain(row.chain.toStdString());
        const QueryMapping mapping = mapQueryToChain(query, chain);
        QVERIFY2(!mapping.lowConfidence, mapping.warning.c_str());
        const QueryContactMap truth = queryContactMap(chain, mapping);
        const ContactEvaluation ev = evaluateContacts(pred.scores, truth.contacts);
        QCOMPARE(QString::number(ev.length), row.expected[0]);
        QCOMPARE(QString::number(ev.lengthWithCoordinates), row.expected[1]);
        QCOMPARE(test::printedPrecisions(ev), row.expected.mid(2));
    }

    void onPublishedTruth_data() { test::addBaselineRows(); }
    void onPublishedTruth() {
        AXS_FETCH_BASELINE_ROW(row);
        const test::TruthFile truth =
            test::readTruthFile(test::sharedPath("data/derived/truth/" + row.id + ".cb8_contacts.tsv"));
        QVERIFY(truth.ok);
        const ContactPrediction pred = readContactPrediction(row.prediction.toStdString(), size_t(truth.length));
        const ContactEvaluation ev = evaluateContacts(pred.scores, truth.contactMatrix());
        QCOMPARE(QString::number(ev.lengthWithCoordinates), row.expected[1]);
        QCOMPARE(test::printedPrecisions(ev), row.expected.mid(2));
    }
};

QTEST_APPLESS_MAIN(TestBaselinePrecision)
#include "test_baseline_precision.moc"
