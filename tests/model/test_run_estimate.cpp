// estimateRun: the memory plan against a real official-size forward pass (peak RSS), the
// time against the same run, and the limits the workbench relies on (1024 x 1023 in 16 GiB).
#include <QTest>
#include <chrono>
#include <string>

#include "common/resource_usage.hpp"
#include "model/msa_transformer.hpp"
#include "model/run_estimate.hpp"

using namespace axs;

class TestRunEstimate : public QObject {
    Q_OBJECT
private slots:
    void flopCountMatchesPerfBaseline() {
        // docs/perf-baseline.md: 64 x 256 is 3,940 GFLOP, 16 x 128 is 481.
        QCOMPARE(qRound(forwardFlops(ModelConfig::esmMsa1b(), 64, 256) / 1e9), 3940);
        QCOMPARE(qRound(forwardFlops(ModelConfig::esmMsa1b(), 16, 128) / 1e9), 481);
    }

    void largestInputFitsIn16GiB() {
        ForwardOptions o;
        o.logits = o.rowAttentions = o.contacts = true;
        o.threads = 1;
        const RunEstimate e = estimateRun(ModelConfig::esmMsa1b(), 1024, 1023, o);
        qInfo("1024 x 1023: %.0f MiB planned (model %.0f, working %.0f, outputs %.0f)", e.bytes / 1048576.0,
              e.modelBytes / 1048576.0, e.workingBytes / 1048576.0, e.outputBytes / 1048576.0);
        QVERIFY(e.bytes < (int64_t{16} << 30));
        // Column attentions of every column would not fit: the estimate must say so.
        o.colAttentions = true;
        QVERIFY(estimateRun(ModelConfig::esmMsa1b(), 1024, 1023, o).bytes > (int64_t{16} << 30));
    }

    void officialSizeRunMatchesEstimate() {
        const double before = currentResidentMib() * 1048576.0;
        const MsaTransformer model = MsaTransformer::withRandomWeights(ModelConfig::esmMsa1b(), 3);
        TensorI64 tokens({1, 8, 49}, 5);
        for (int r = 0; r < 8; ++r) tokens.at(0, r, 0) = 0;
        ForwardOptions o;
        o.logits = o.rowAttentions = o.colAttentions = o.contacts = true;
        o.reprLayers = {0, 12};
        o.threads = 2;
        const RunEstimate e = estimateRun(model.config(), 8, 48, o);
        resetPeakResidentMemory();
        const auto start = std::chrono::steady_clock::now();
        model.forward(tokens, o);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        // The test process itself (Qt, the test framework) is not part of the estimate.
        const double measured = peakResidentMib() * 1048576.0 - before;
        qInfo("8 x 48: measured %.0f MiB / %.2f s, estimated %.0f MiB / %.2f s", measured / 1048576.0, seconds,
              e.bytes / 1048576.0, e.seconds);
        QVERIFY(std::abs(measured - double(e.bytes)) < 0.25 * double(e.bytes));
        // Time depends on what else runs on the machine; only guard against nonsense here
        // (the 25% accuracy is checked with bench_forward on a quiet machine).
        QVERIFY(e.seconds > 0.0 && e.seconds < 20.0 * seconds && seconds < 20.0 * e.seconds);
    }
};

QTEST_APPLESS_MAIN(TestRunEstimate)
#include "test_run_estimate.moc"
