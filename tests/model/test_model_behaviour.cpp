// Behaviour of the forward pass beyond single golden cases: the chunked path against the
// unchunked one (and its padded-batch quirk), cancellation, threads, options, errors, and
// the building blocks (contact-head APC, GELU).
#include <QTest>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "checkpoint/checkpoint.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "golden_manifest.hpp"
#include "model/contact_head.hpp"
#include "model/feed_forward.hpp"
#include "model/msa_transformer.hpp"

using namespace axs;

namespace {

ModelConfig smallConfig(int layers = 3) {
    ModelConfig c;
    c.layers = layers;
    c.embedDim = 48;
    c.heads = 4;
    c.ffnDim = 96;
    c.maxPositions = 128;
    c.rowEmbeddingWidth = 48;
    return c;
}

TensorI64 randomTokens(int64_t B, int64_t R, int64_t C, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> tok(4, 30);
    TensorI64 t({B, R, C});
    for (int64_t b = 0; b < B; ++b)
        for (int64_t r = 0; r < R; ++r)
            for (int64_t c = 0; c < C; ++c) t.at(b, r, c) = c == 0 ? 0 : tok(rng);
    return t;
}

ForwardOptions allOutputs(int layers) {
    ForwardOptions o;
    o.logits = o.rowAttentions = o.colAttentions = o.contacts = true;
    for (int k = 0; k <= layers; ++k) o.reprLayers.push_back(k);
    return o;
}

double maxAbsDiff(const TensorF& a, const TensorF& b) {
    if (a.shape != b.shape) return INFINITY;
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i) m = std::max(m, static_cast<double>(std::fabs(a.data[i] - b.data[i])));
    return m;
}

/// Largest difference restricted to batch element b (first axis).
double maxAbsDiffBatch(const TensorF& a, const TensorF& b, int64_t batch) {
    const size_t per = a.size() / static_cast<size_t>(a.shape[0]);
    double m = 0;
    for (size_t i = per * static_cast<size_t>(batch); i < per * static_cast<size_t>(batch + 1); ++i)
        m = std::max(m, static_cast<double>(std::fabs(a.data[i] - b.data[i])));
    return m;
}

MsaTransformer loadGoldenModel(const QString& rel) {
    return MsaTransformer::fromCheckpoint(loadCheckpoint(axs::test::referencePath(rel).toStdString()));
}

}  // namespace

class TestModelBehaviour : public QObject {
    Q_OBJECT
private slots:
    // The chunked cases must give the same outputs with chunking switched off.
    void chunkedEqualsUnchunked_data() {
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<QString>("checkpoint");
        QTest::addColumn<qlonglong>("threshold");
        for (const auto& g : axs::test::loadGoldenCases())
            if (g.chunked)
                QTest::newRow(qPrintable(g.id)) << g.id << g.checkpoints.front() << qlonglong(g.maxTokensPerMsa);
    }
    void chunkedEqualsUnchunked() {
        QFETCH(QString, caseId);
        QFETCH(QString, checkpoint);
        QFETCH(qlonglong, threshold);
        const MsaTransformer model = loadGoldenModel(checkpoint);
        const TensorI64 tokens =
            readNpyInt64(axs::test::referencePath("cases/" + caseId + "/tokens.npy").toStdString());
        QVERIFY(tokens.shape[1] * tokens.shape[2] > threshold);  // the chunked path really runs
        ForwardOptions o = allOutputs(model.config().layers);
        o.maxTokensPerMsa = threshold;
        const ForwardResult chunked = model.forward(tokens, o);
        o.maxTokensPerMsa = std::numeric_limits<int64_t>::max();
        const ForwardResult whole = model.forward(tokens, o);
        QVERIFY(maxAbsDiff(chunked.logits, whole.logits) <= 1e-4);
        QVERIFY(maxAbsDiff(chunked.rowAttentions, whole.rowAttentions) <= 1e-5);
        QVERIFY(maxAbsDiff(chunked.colAttentions, whole.colAttentions) <= 1e-5);
        QVERIFY(maxAbsDiff(chunked.contacts, whole.contacts) <= 1e-5);
    }

    // Spec §5.6 quirk: in a padded batch, a row group starting with a padded row adds −10000
    // to every logit of that MSA, which costs visible precision; the unpadded MSA is unaffected.
    void chunkedPaddedBatchQuirk() {
        const QString caseId = "msa_t2_e32_h4__batch_a_5x12_plus_batch_b_2x7__padded_batch";
        const MsaTransformer model = loadGoldenModel("models/msa_t2_e32_h4.pt");
        const TensorI64 tokens =
            readNpyInt64(axs::test::referencePath("cases/" + caseId + "/tokens.npy").toStdString());
        ForwardOptions o;
        o.rowAttentions = true;
        o.logits = true;
        const ForwardResult whole = model.forward(tokens, o);
        o.maxTokensPerMsa = tokens.shape[2];  // one row per group
        const ForwardResult chunked = model.forward(tokens, o);
        QVERIFY(maxAbsDiffBatch(chunked.rowAttentions, whole.rowAttentions, 0) <= 1e-6);
        const double quirk = maxAbsDiffBatch(chunked.rowAttentions, whole.rowAttentions, 1);
        qInfo("padded MSA, chunked vs unchunked row attention: %.3g", quirk);
        QVERIFY2(quirk > 1e-5, "the −10000 fills of padded row groups should add up (spec §5.6)");
        QVERIFY(quirk < 1e-2);
    }

    // A bf16 pass converts the weights to bf16 plus their low bits; the next float32 pass
    // must get the exact weights back, i.e. the very same results as before.
    void fp32AfterBf16IsUnchanged() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(2), 5);
        const TensorI64 tokens = randomTokens(1, 5, 17, 6);
        ForwardOptions o = allOutputs(2);
        const ForwardResult before = model.forward(tokens, o);
        o.precision = Precision::Bf16;
        const ForwardResult bf16 = model.forward(tokens, o);
        QVERIFY(maxAbsDiff(before.logits, bf16.logits) > 0);
        o.precision = Precision::Fp32;
        const ForwardResult after = model.forward(tokens, o);
        QCOMPARE(maxAbsDiff(before.logits, after.logits), 0.0);
        QCOMPARE(maxAbsDiff(before.colAttentions, after.colAttentions), 0.0);
        QCOMPARE(maxAbsDiff(before.representations.at(2), after.representations.at(2)), 0.0);
    }

    // Releasing the float32 weights leaves bf16 results as they were, and a float32 pass
    // then fails with a message instead of running on rounded weights.
    void releasedFloat32WeightsRunBf16Only() {
        const MsaTransformer kept = MsaTransformer::withRandomWeights(smallConfig(2), 5);
        const MsaTransformer released = MsaTransformer::withRandomWeights(smallConfig(2), 5);
        const TensorI64 tokens = randomTokens(1, 5, 17, 6);
        ForwardOptions o = allOutputs(2);
        o.precision = Precision::Bf16;
        const ForwardResult a = kept.forward(tokens, o);
        o.keepFloat32Weights = false;
        const ForwardResult b = released.forward(tokens, o);
        QCOMPARE(maxAbsDiff(a.logits, b.logits), 0.0);
        QCOMPARE(maxAbsDiff(a.rowAttentions, b.rowAttentions), 0.0);
        o.keepFloat32Weights = true;
        QCOMPARE(maxAbsDiff(a.logits, released.forward(tokens, o).logits), 0.0);
        o.precision = Precision::Fp32;
        try {
            released.forward(tokens, o);
            QFAIL("a float32 pass on released weights ran");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("bfloat16 only"), e.what());
        }
    }

    // Bf16 rounds the big products' inputs to bfloat16 (8-bit mantissa): results move by
    // about 1% of their scale, no more, and they really differ from float32.
    void bf16StaysCloseToFp32() {
        const MsaTransformer model = loadGoldenModel("models/msa_t2_e128_h2.pt");
        const TensorI64 tokens =
            readNpyInt64(axs::test::referencePath("cases/msa_t2_e128_h2__1xcr_1_A_first16/tokens.npy").toStdString());
        ForwardOptions o;
        o.logits = o.rowAttentions = o.contacts = true;
        const ForwardResult fp32 = model.forward(tokens, o);
        o.precision = Precision::Bf16;
        const ForwardResult bf16 = model.forward(tokens, o);
        double scale = 0;
        for (float v : fp32.logits.data) scale = std::max(scale, double(std::fabs(v)));
        const double dl = maxAbsDiff(fp32.logits, bf16.logits), dc = maxAbsDiff(fp32.contacts, bf16.contacts);
        qInfo("bf16 vs fp32: logits %.3g (scale %.3g), row attention %.3g, contacts %.3g", dl, scale,
              maxAbsDiff(fp32.rowAttentions, bf16.rowAttentions), dc);
        QVERIFY(dl > 1e-4);          // bf16 was applied
        QVERIFY(dl < 0.03 * scale);  // ... and stays within bf16 accuracy
        QVERIFY(maxAbsDiff(fp32.rowAttentions, bf16.rowAttentions) < 0.08);
        QVERIFY(dc < 0.08);
    }

    void cancelFromProgressCallback() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(4), 7);
        std::atomic<bool> cancel{false};
        QStringList stages;
        Progress p;
        p.cancel = &cancel;
        p.report = [&](double, const std::string& stage) {
            stages << QString::fromStdString(stage);
            if (stage.rfind("layer 2/4", 0) == 0) cancel = true;
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, model.forward(randomTokens(1, 6, 20, 1), allOutputs(4), p));
        QVERIFY(!stages.isEmpty());
        QVERIFY2(stages.last().startsWith("layer 2/4"), qPrintable("kept running after cancel: " + stages.last()));
    }

    void progressReportsEveryLayer() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(3), 7);
        std::vector<double> fractions;
        QStringList stages;
        Progress p;
        p.report = [&](double f, const std::string& stage) {
            fractions.push_back(f);
            stages << QString::fromStdString(stage);
        };
        model.forward(randomTokens(1, 4, 10, 2), ForwardOptions{}, p);
        for (int l = 1; l <= 3; ++l) QVERIFY(!stages.filter(QString("layer %1/3").arg(l)).isEmpty());
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
    }

    void threadCountDoesNotChangeResults() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(2), 11);
        const TensorI64 tokens = randomTokens(1, 9, 40, 3);
        ForwardOptions o = allOutputs(2);
        o.threads = 1;
        const ForwardResult one = model.forward(tokens, o);
        o.threads = 2;
        const ForwardResult two = model.forward(tokens, o);
        QVERIFY(maxAbsDiff(one.logits, two.logits) <= 1e-4);
        QVERIFY(maxAbsDiff(one.rowAttentions, two.rowAttentions) <= 1e-6);
        QVERIFY(maxAbsDiff(one.colAttentions, two.colAttentions) <= 1e-6);
        QVERIFY(maxAbsDiff(one.contacts, two.contacts) <= 1e-6);
    }

    void randomWeightsAreDeterministic() {
        const TensorI64 tokens = randomTokens(1, 3, 12, 4);
        ForwardOptions o;
        o.logits = true;
        const auto a = MsaTransformer::withRandomWeights(smallConfig(1), 5).forward(tokens, o);
        const auto b = MsaTransformer::withRandomWeights(smallConfig(1), 5).forward(tokens, o);
        const auto c = MsaTransformer::withRandomWeights(smallConfig(1), 6).forward(tokens, o);
        QCOMPARE(a.logits.data, b.logits.data);
        QVERIFY(maxAbsDiff(a.logits, c.logits) > 1e-3);
    }

    // A padded batch needs several MSAs of different size; only requested outputs appear.
    void outputsOnlyWhenRequested() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(2), 5);
        ForwardOptions o;
        o.reprLayers = {1};
        const ForwardResult r = model.forward(randomTokens(2, 3, 8, 5), o);
        QVERIFY(r.logits.size() == 0 && r.rowAttentions.size() == 0 && r.colAttentions.size() == 0);
        QCOMPARE(r.representations.size(), size_t{1});
        QCOMPARE(r.representations.at(1).shape, (std::vector<int64_t>{2, 3, 8, 48}));
    }

    void columnSubsetMatchesFullCapture() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(2), 9);
        const TensorI64 tokens = randomTokens(1, 5, 16, 6);
        ForwardOptions o;
        o.colAttentions = true;
        const ForwardResult full = model.forward(tokens, o);
        o.colAttentionColumns = {7, 0, 15};
        const ForwardResult sub = model.forward(tokens, o);
        QCOMPARE(sub.colAttentionColumns, (std::vector<int>{7, 0, 15}));
        QCOMPARE(sub.colAttentions.shape, (std::vector<int64_t>{1, 2, 4, 3, 5, 5}));
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h)
                for (int s = 0; s < 3; ++s)
                    for (int i = 0; i < 5; ++i)
                        for (int j = 0; j < 5; ++j)
                            QCOMPARE(sub.colAttentions.at(0, l, h, s, i, j),
                                     full.colAttentions.at(0, l, h, sub.colAttentionColumns[s], i, j));
    }

    void streamedColumnAttentionsEqualKeptOnes() {
        // Batch of 2 with a column subset: every (layer, b) block reaches the sink once, in
        // (layer, b) order, holding exactly what ForwardResult::colAttentions would hold.
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(3), 11);
        const TensorI64 tokens = randomTokens(2, 5, 12, 8);
        ForwardOptions o;
        o.colAttentions = true;
        o.colAttentionColumns = {3, 11};
        const ForwardResult kept = model.forward(tokens, o);
        const int64_t block = 4 * 2 * 5 * 5;  // H x C' x R x R
        std::vector<std::pair<int64_t, int>> order;
        TensorF streamed(kept.colAttentions.shape);
        o.colAttentionSink = [&](int64_t b, int layer, const float* values) {
            order.emplace_back(b, layer);
            std::copy(values, values + block, streamed.ptr() + (b * 3 + layer) * block);
        };
        const ForwardResult r = model.forward(tokens, o);
        QCOMPARE(r.colAttentions.size(), size_t{0});
        QCOMPARE(order, (std::vector<std::pair<int64_t, int>>{{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}, {1, 2}}));
        QCOMPARE(maxAbsDiff(streamed, kept.colAttentions), 0.0);
    }

    void sinkErrorEndsTheForwardPass() {
        const MsaTransformer model = MsaTransformer::withRandomWeights(smallConfig(3), 11);
        ForwardOptions o;
        o.colAttentions = true;
        int calls = 0;
        o.colAttentionSink = [&](int64_t, int, const float*) {
            if (++calls == 2) throw Error("out.npy: write failed (disk full or I/O error)");
        };
        QVERIFY_THROWS_EXCEPTION(Error, model.forward(randomTokens(1, 4, 6, 1), o));
        QCOMPARE(calls, 2);
    }

    void rejectsBadInput_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        QTest::newRow("token above vocabulary") << 0 << "outside the vocabulary";
        QTest::newRow("negative token") << 1 << "outside the vocabulary";
        QTest::newRow("too many columns") << 2 << "at most 127";
        QTest::newRow("too many rows") << 3 << "at most 1024";
        QTest::newRow("no regression weights") << 4 << "contact-regression";
        QTest::newRow("representation layer") << 5 << "representation layer 4";
        QTest::newRow("column outside") << 6 << "outside 0..9";
        QTest::newRow("rank 2 tokens") << 7 << "B x R x C";
    }
    void rejectsBadInput() {
        QFETCH(int, which);
        QFETCH(QString, expected);
        ModelConfig cfg = smallConfig(1);
        cfg.hasContactHead = which != 4;
        const MsaTransformer model = MsaTransformer::withRandomWeights(cfg, 1);
        TensorI64 tokens = randomTokens(1, 2, 10, 1);
        ForwardOptions o;
        switch (which) {
            case 0:
                tokens.at(0, 1, 3) = 33;
                break;
            case 1:
                tokens.at(0, 0, 2) = -1;
                break;
            case 2:
                tokens = randomTokens(1, 1, 129, 1);
                break;
            case 3:
                tokens = randomTokens(1, 1025, 2, 1);
                break;
            case 4:
                o.contacts = true;
                break;
            case 5:
                o.reprLayers = {4};
                break;
            case 6:
                o.colAttentions = true;
                o.colAttentionColumns = {10};
                break;
            case 7:
                tokens = TensorI64({2, 10}, 5);
                break;
        }
        try {
            model.forward(tokens, o);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }

    void checkpointErrorsNameFileAndKey() {
        const std::string path = axs::test::referencePath("models/msa_t2_e32_h4.pt").toStdString();
        Checkpoint ckpt = loadCheckpoint(path);
        Checkpoint missing = ckpt;
        missing.weights.erase("layers.1.feed_forward_layer.layer.fc1.weight");
        try {
            MsaTransformer::fromCheckpoint(missing);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("msa_t2_e32_h4.pt") &&
                         QString(e.what()).contains("layers.1.feed_forward_layer.layer.fc1.weight"),
                     e.what());
        }
        Checkpoint misshaped = ckpt;
        misshaped.weights["lm_head.dense.weight"].shape = {16, 64};
        try {
            MsaTransformer::fromCheckpoint(misshaped);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("lm_head.dense.weight") && QString(e.what()).contains("shape"),
                     e.what());
        }
    }

    void symmetrizeApcProperties() {
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(0.f, 1.f);
        const int T = 7;
        TensorF a({T, T});
        for (float& v : a.data) v = u(rng);
        const TensorF s = symmetrizeApc(a);
        QCOMPARE(s.shape, a.shape);
        // Independent recomputation in double straight from the definition.
        std::vector<double> row(T, 0.0), col(T, 0.0);
        double tot = 0;
        for (int i = 0; i < T; ++i)
            for (int j = 0; j < T; ++j) {
                const double v = double(a.at(i, j)) + double(a.at(j, i));
                row[i] += v;
                col[j] += v;
                tot += v;
            }
        for (int i = 0; i < T; ++i) {
            double rowSum = 0;
            for (int j = 0; j < T; ++j) {
                const double expect = double(a.at(i, j)) + double(a.at(j, i)) - row[i] * col[j] / tot;
                QVERIFY(std::fabs(s.at(i, j) - expect) < 1e-6);
                QCOMPARE(s.at(i, j), s.at(j, i));
                rowSum += s.at(i, j);
            }
            QVERIFY(std::fabs(rowSum) < 1e-5);  // APC removes the row/column means
        }
        QVERIFY_THROWS_EXCEPTION(Error, symmetrizeApc(TensorF({3, 4})));
    }

    void geluMatchesErf() {
        std::vector<float> z;
        for (int i = -2000; i <= 2000; ++i) z.push_back(static_cast<float>(i) * 0.005f);
        z.push_back(-30.f);
        z.push_back(30.f);
        std::vector<float> g = z;
        kernels::geluInPlace(g.data(), static_cast<int64_t>(g.size()));
        for (size_t i = 0; i < z.size(); ++i) {
            const double exact = 0.5 * double(z[i]) * (1.0 + std::erf(double(z[i]) / std::sqrt(2.0)));
            QVERIFY2(std::fabs(g[i] - exact) <= 1e-6 * std::max(1.0, std::fabs(double(z[i]))),
                     qPrintable(QString("gelu(%1) = %2, exact %3").arg(z[i]).arg(g[i]).arg(exact)));
        }
    }
};

QTEST_APPLESS_MAIN(TestModelBehaviour)
#include "test_model_behaviour.moc"
