// Parity with the official implementation: every golden case of MANIFEST.json (all models,
// both container formats, padded batches, chunked path, single rows), every output, each
// element within the manifest's suggested tolerance. A failure names the output, the
// element (so for attentions the layer and head) and the error.
#include <QTest>
#include <map>

#include "checkpoint/checkpoint.hpp"
#include "common/npy.hpp"
#include "golden_manifest.hpp"
#include "model/msa_transformer.hpp"

using namespace axs;
using axs::test::GoldenCase;

Q_DECLARE_METATYPE(GoldenCase)

namespace {

ForwardOptions everything(const GoldenCase& g) {
    ForwardOptions o;
    o.logits = true;
    o.reprLayers = g.reprLayers;
    o.rowAttentions = true;
    o.colAttentions = true;
    o.contacts = true;
    o.maxTokensPerMsa = g.maxTokensPerMsa;
    return o;
}

const TensorF* outputTensor(const ForwardResult& r, const QString& name) {
    if (name == "logits") return &r.logits;
    if (name == "row_attentions") return &r.rowAttentions;
    if (name == "col_attentions") return &r.colAttentions;
    if (name == "contacts") return &r.contacts;
    if (name.startsWith("repr_layer")) {
        const auto it = r.representations.find(name.mid(10).toInt());
        return it == r.representations.end() ? nullptr : &it->second;
    }
    return nullptr;
}

/// Worst error/atol per output over all cases, printed at the end for the record.
std::map<QString, double>& worstRatios() {
    static std::map<QString, double> m;
    return m;
}

}  // namespace

class TestModelGolden : public QObject {
    Q_OBJECT
private slots:
    void goldenCase_data() {
        QTest::addColumn<GoldenCase>("golden");
        QTest::addColumn<QString>("checkpoint");
        const auto cases = axs::test::loadGoldenCases();
        QVERIFY2(cases.size() >= 13, "MANIFEST.json missing or incomplete");
        for (const GoldenCase& g : cases)
            for (const QString& ckpt : g.checkpoints)
                QTest::newRow(qPrintable(g.id + " @ " + ckpt.section('/', -1))) << g << ckpt;
    }

    void goldenCase() {
        QFETCH(GoldenCase, golden);
        QFETCH(QString, checkpoint);
        const Checkpoint ckpt = loadCheckpoint(axs::test::referencePath(checkpoint).toStdString());
        const MsaTransformer model = MsaTransformer::fromCheckpoint(ckpt);
        const TensorI64 tokens =
            readNpyInt64(axs::test::referencePath("cases/" + golden.id + "/tokens.npy").toStdString());
        const ForwardResult r = model.forward(tokens, everything(golden));

        int compared = 0;
        for (const auto& out : golden.outputs) {
            if (out.name == "tokens") continue;
            const TensorF* actual = outputTensor(r, out.name);
            QVERIFY2(actual, qPrintable("no output for " + out.name));
            const TensorF expected = readNpyFloat(axs::test::referencePath(out.file).toStdString());
            QCOMPARE(expected.shape, out.shape);
            QVERIFY2(actual->shape == expected.shape,
                     qPrintable(out.name + ": shape " + QString::fromStdString(actual->shapeString()) + " vs golden " +
                                QString::fromStdString(expected.shapeString())));
            const auto dev = axs::test::compareTensors(*actual, expected, out.atol);
            double& worst = worstRatios()[out.name.startsWith("repr_layer") ? QString("repr_layer*") : out.name];
            worst = std::max(worst, dev.worstRatio);
            qInfo("  %-15s worst |error|/atol = %.4f (atol %.0e)", qPrintable(out.name), dev.worstRatio, out.atol);
            QVERIFY2(
                dev.worstRatio <= 1.0,
                qPrintable(QString("%1%2 differs from the golden value by %3 (atol %4, %5)")
                               .arg(out.name, QString::fromStdString(axs::test::indexText(dev.where, expected.shape)))
                               .arg(dev.worstError)
                               .arg(out.atol)
                               .arg(dev.nonFinite ? "non-finite value" : "finite")));
            ++compared;
        }
        QVERIFY(compared >= 4);
    }

    void cleanupTestCase() {
        for (const auto& [name, ratio] : worstRatios())
            qInfo("worst over all cases: %-15s %.4f of the tolerance", qPrintable(name), ratio);
    }
};

QTEST_APPLESS_MAIN(TestModelGolden)
#include "test_model_golden.moc"
