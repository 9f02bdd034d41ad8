// Acceptance on the public proteins of ../shared/data that have a structure and a published
// CCMpred-family prediction (derived/baseline_precision.tsv): the built-in plm must reach the
// baseline's long-range P@L minus 0.03, scored with the same rules (metrics module, truth
// from the structure module). MI is scored too, for the record. Skips without ../shared.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <chrono>

#include "coevolution/apc.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/plm.hpp"
#include "coevolution/reweighting.hpp"
#include "coevolution/score_tensor.hpp"
#include "metrics/contact_precision.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "test_paths.hpp"

using namespace axs;
using namespace axs::coevolution;

class TestCoevolutionAcceptance : public QObject {
    Q_OBJECT
private slots:
    void plmReachesCcmpred_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("label");
        QTest::addColumn<double>("baseline");
        const QString table = axs::test::sharedPath("data/derived/baseline_precision.tsv");
        if (table.isEmpty()) {
            QTest::newRow("shared data absent") << QString() << QString() << 0.0;
            return;
        }
        QFile f(table);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList header = QString(f.readLine()).trimmed().split('\t');
        const int longCol = header.indexOf("long_P@L");
        QVERIFY(longCol > 0);
        while (!f.atEnd()) {
            const QStringList cells = QString(f.readLine()).trimmed().split('\t');
            if (cells.size() <= longCol || !cells[1].contains("CCMpred")) continue;
            QTest::newRow(qPrintable(cells[0])) << cells[0] << cells[1] << cells[longCol].toDouble();
        }
    }
    void plmReachesCcmpred() {
        QFETCH(QString, id);
        QFETCH(QString, label);
        QFETCH(double, baseline);
        AXS_REQUIRE_SHARED(configPath, "data/derived/truth_config.json");
        QFile cf(configPath);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        QJsonObject entry;
        for (const QJsonValue v : QJsonDocument::fromJson(cf.readAll()).array())
            if (v.toObject()["id"].toString() == id) entry = v.toObject();
        QVERIFY2(!entry.isEmpty(), qPrintable("no truth_config entry for " + id));
        const QString dataDir = axs::test::sharedPath("data");

        const Msa msa = withQueryFirst(readMsa((dataDir + "/" + entry["msa"].toString()).toStdString()),
                                       static_cast<size_t>(entry["row"].toInt()));
        const ProteinStructure structure = readStructure((dataDir + "/" + entry["structure"].toString()).toStdString());
        const StructureChain& chain = structure.chain(entry["chain"].toString().toStdString());
        const QueryContactMap truth = queryContactMap(chain, mapQueryToChain(msa.query(), chain));

        const EncodedMsa encoded = encodeMsa(msa);
        PlmOptions options;
        options.threads = 2;
        const auto t0 = std::chrono::steady_clock::now();
        const PlmResult plm = runPlm(encoded, options);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const ContactEvaluation ev = evaluateContacts(coevolution::scoreTensor<float>(plm.scores), truth.contacts);

        const Eigen::MatrixXd mi =
            averageProductCorrection(mutualInformation(encoded, plm.weights, MiOptions{0.05, 2}));
        const ContactEvaluation evMi = evaluateContacts(coevolution::scoreTensor<float>(mi), truth.contacts);

        const double got = ev[ContactRange::Long].pAtL;
        qInfo(
            "%s (%zu x %zu, Beff %.1f): plm long P@L %.4f (P@L/2 %.4f, P@L/5 %.4f) vs %s %.4f; MI+APC %.4f; "
            "plm %d iterations, %s, %.1f s",
            qPrintable(id), msa.depth(), msa.width(), plm.beff, got, ev[ContactRange::Long].pAtL2,
            ev[ContactRange::Long].pAtL5, qPrintable(label), baseline, evMi[ContactRange::Long].pAtL, plm.iterations,
            plm.stopReason.c_str(), seconds);
        QVERIFY2(got >= baseline - 0.03, qPrintable(QString("plm long P@L %1 < %2 - 0.03").arg(got).arg(baseline)));
    }
};

QTEST_APPLESS_MAIN(TestCoevolutionAcceptance)
#include "test_coevolution_acceptance.moc"
