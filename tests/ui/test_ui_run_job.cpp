// Model runs through the job pattern: the Job itself (progress, result, failure, cancel,
// destruction while running), a run of the small reference model through RunController
// compared with the golden outputs, cancelling a run within a second, and the run panel's
// estimate and refusal.
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cmath>

#include "common/npy.hpp"
#include "jobs/job.hpp"
#include "mainwindow/example_files.hpp"
#include "model/run_estimate.hpp"
#include "msa/msa_io.hpp"
#include "run/run_controller.hpp"
#include "run/run_estimate.hpp"
#include "run/run_panel.hpp"
#include "run/run_work.hpp"
#include "session/model_choice.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

double maxAbsDiff(const TensorF& a, const TensorF& b) {
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i) m = std::max(m, double(std::abs(a.data[i] - b.data[i])));
    return m;
}

std::shared_ptr<const Msa> readShared(const QString& rel) {
    return std::make_shared<const Msa>(readMsa(test::dataFile(rel)));
}

std::shared_ptr<const Msa> bundledExample() {
    return std::make_shared<const Msa>(readMsa(bundledExamplePaths().at(0).toStdString()));
}

// The demo model's shape with 48 layers instead of 4: a run long enough to interrupt.
std::shared_ptr<const MsaTransformer> deepDemoModel() {
    ModelConfig config = demoModelConfig();
    config.layers = 48;
    return std::make_shared<const MsaTransformer>(MsaTransformer::withRandomWeights(config, 7));
}

// A run of the 48-layer demo model on the bundled example, with its signals recorded.
// When the first layer reports, more than a hundred cancellation points (three per layer)
// are still ahead, seconds of work on one thread, so a cancel then always lands mid-run.
struct InterruptibleRun {
    Session session;
    RunController controller{&session};
    QSignalSpy progress{&controller, &RunController::progress};
    QSignalSpy cancelled{&controller, &RunController::cancelled};
    QSignalSpy finished{&controller, &RunController::finished};

    /// Starts the run; true once its first layer reported (false: it ended or hung before).
    bool startAndReachFirstLayer() {
        session.setMsa(bundledExample());
        session.setLoadedModel(session.model(), LoadedModel{deepDemoModel(), demoModelIdentity()});
        controller.start({1024, SubsampleMode::First}, 1);
        test::waitUntil([&] { return reportedFirstLayer() || !finished.isEmpty(); }, 60000);
        return reportedFirstLayer() && finished.isEmpty();
    }
    bool reportedFirstLayer() const {
        for (const auto& args : progress)
            if (args.at(1).toString().startsWith(QStringLiteral("layer "))) return true;
        return false;
    }
};

}  // namespace

class TestUiRunJob : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_ui_run_job", scratch_);
    }

    void jobDeliversProgressAndResultOnTheGuiThread() {
        QThread* workerThread = nullptr;
        Job* job = Job::start(QStringLiteral("count"), [&workerThread](const Progress& p) -> std::any {
            workerThread = QThread::currentThread();
            for (int i = 1; i <= 5; ++i) {
                p.throwIfCancelled();
                p.update(i / 5.0, "step " + std::to_string(i));
            }
            return 42;
        });
        QSignalSpy progress(job, &Job::progress);
        QSignalSpy finished(job, &Job::finished);
        QSignalSpy destroyed(job, &QObject::destroyed);
        QVERIFY(finished.wait(5000));
        QCOMPARE(std::any_cast<int>(finished.front().front().value<std::any>()), 42);
        QCOMPARE(progress.count(), 5);
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);
        QCOMPARE(progress.last().at(1).toString(), QStringLiteral("step 5"));
        QVERIFY(workerThread != QThread::currentThread());
        QVERIFY(destroyed.wait(2000));  // deletes itself after reporting
    }

    void jobReportsFailures() {
        Job* job = Job::start(QStringLiteral("fail"), [](const Progress&) -> std::any {
            throw Error("/data/x.a3m: row 3 is shorter than the query");
        });
        QSignalSpy failed(job, &Job::failed);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.front().front().toString(), QStringLiteral("/data/x.a3m: row 3 is shorter than the query"));
    }

    void jobCancelsQuickly() {
        Job* job = Job::start(QStringLiteral("spin"), [](const Progress& p) -> std::any {
            for (;;) {
                p.throwIfCancelled();
                QThread::msleep(5);
            }
        });
        QSignalSpy cancelled(job, &Job::cancelled);
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        job->cancel();
        QVERIFY(cancelled.wait(2000));
        QVERIFY(t.elapsed() < 1000);
    }

    void deletingTheOwnerStopsTheJob() {
        std::atomic<bool> stopped{false};
        {
            QObject owner;
            Job::start(
                QStringLiteral("owned"),
                [&stopped](const Progress& p) -> std::any {
                    while (!p.cancelled()) QThread::msleep(2);
                    stopped = true;
                    return {};
                },
                &owner);
            QTest::qWait(20);
        }  // ~Job cancels and waits
        QVERIFY(stopped.load());
    }

    void referenceModelRunMatchesGolden() {
        Session session;
        session.setMsa(readShared("reference/inputs/handmade_3x10.a3m"));
        session.setModel({ModelChoice::Kind::File, test::dataPath("reference/models/msa_t2_e32_h4.pt")});
        RunController controller(&session);
        QSignalSpy progress(&controller, &RunController::progress);
        QSignalSpy finished(&controller, &RunController::finished);
        QSignalSpy failed(&controller, &RunController::failed);
        QSignalSpy runChanged(&session, &Session::runChanged);
        controller.start({128, SubsampleMode::Greedy}, 1);
        QVERIFY(controller.isRunning());
        QVERIFY(finished.wait(30000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(!controller.isRunning());
        QVERIFY(progress.count() >= 3);  // rows, model, at least one layer
        for (int i = 1; i < progress.count(); ++i)
            QVERIFY(progress.at(i).at(0).toDouble() >= progress.at(i - 1).at(0).toDouble());
        QCOMPARE(runChanged.count(), 1);

        const RunResultPtr run = session.run();
        QVERIFY(run);
        QCOMPARE(run->keptRows, (std::vector<size_t>{0, 1, 2}));
        QCOMPARE(run->layers(), 2);
        QCOMPARE(run->heads(), 4);
        QCOMPARE(run->columns(), 11);
        QVERIFY(!run->model.randomWeights);
        QCOMPARE(run->model.fileName, std::string("msa_t2_e32_h4.pt"));
        QCOMPARE(run->model.sha256.size(), size_t(64));
        QVERIFY(session.loadedModel().model);  // the session keeps the model for the next runs
        const QString golden = test::dataPath("reference/cases/msa_t2_e32_h4__handmade_3x10/");
        const TensorI64 tokens = readNpyInt64((golden + "tokens.npy").toStdString());
        QCOMPARE(run->tokens.shape, tokens.shape);
        QCOMPARE(run->tokens.data, tokens.data);
        const TensorF rowAttn = readNpyFloat((golden + "row_attentions.npy").toStdString());
        QCOMPARE(run->rowAttentions.shape, rowAttn.shape);
        QVERIFY(maxAbsDiff(run->rowAttentions, rowAttn) <= 1e-5);  // manifest suggested_atol
        const TensorF contacts = readNpyFloat((golden + "contacts.npy").toStdString());
        QCOMPARE(run->contacts.shape, contacts.shape);
        QVERIFY(maxAbsDiff(run->contacts, contacts) <= 1e-5);

        // The second run reuses the loaded model.
        const auto loaded = session.loadedModel().model;
        QSignalSpy reloaded(&session, &Session::loadedModelChanged);
        controller.start({2, SubsampleMode::First}, 1);
        QVERIFY(finished.wait(30000));
        QCOMPARE(session.loadedModel().model, loaded);
        QCOMPARE(reloaded.count(), 0);
        QVERIFY(session.run()->model.sameWeights(run->model));
        QCOMPARE(session.run()->keptRows, (std::vector<size_t>{0, 1}));
        QCOMPARE(session.run()->msa.rows[1], session.msa()->rows[1]);
    }

    void cancelStopsARunWithinASecond() {
        InterruptibleRun run;
        QVERIFY(run.startAndReachFirstLayer());
        QElapsedTimer t;
        t.start();
        run.controller.cancel();
        QVERIFY(run.cancelled.wait(5000));
        const qint64 ms = t.elapsed();
        qInfo("cancel took %lld ms", ms);
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
        QCOMPARE(run.finished.count(), 0);
        QVERIFY(!run.session.run());
        QVERIFY(!run.controller.isRunning());
    }

    void newAlignmentCancelsTheRun() {
        InterruptibleRun run;
        QVERIFY(run.startAndReachFirstLayer());
        run.session.setMsa(readShared("reference/inputs/handmade_3x10.a3m"));
        QVERIFY(run.cancelled.wait(5000));
        QCOMPARE(run.finished.count(), 0);
        QVERIFY(!run.session.run());  // a result of the old alignment is never shown
        QVERIFY(!run.controller.isRunning());
    }

    void aRunThatEndedBeforeANewAlignmentIsNotShown() {
        // The worker finishes a tiny run while the GUI thread is busy; the alignment changes
        // before the result is delivered. The result belongs to the old alignment: dropped,
        // and the run reported as cancelled.
        Session session;
        session.setMsa(readShared("reference/inputs/handmade_3x10.a3m"));
        session.setModel({ModelChoice::Kind::File, test::dataPath("reference/models/msa_t2_e32_h4.pt")});
        RunController controller(&session);
        QSignalSpy cancelled(&controller, &RunController::cancelled);
        QSignalSpy finished(&controller, &RunController::finished);
        controller.start({128, SubsampleMode::Greedy}, 1);
        QThread::msleep(2000);  // no events: the run (milliseconds) ends, its result waits in the queue
        session.setMsa(readShared("reference/inputs/1a3a_1_A.first8.a3m"));
        QVERIFY(test::waitUntil([&] { return !controller.isRunning(); }, 30000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!session.run());
    }

    void panelRefusesRunsThatDoNotFit() {
        Session session;
        session.setMsa(readShared("reference/inputs/1a3a_1_A.first8.a3m"));
        RunController controller(&session);
        RunPanel panel(&session, &controller);
        auto* run = panel.findChild<QPushButton*>(QStringLiteral("runButton"));
        auto* estimate = panel.findChild<QLabel*>(QStringLiteral("runEstimate"));
        QVERIFY(run && estimate);
        panel.setMemoryBudgetOverride(64.0 * 1024 * 1024 * 1024);
        QVERIFY(panel.refusal().isEmpty());
        QVERIFY(run->isEnabled());
        QVERIFY(estimate->text().contains(QStringLiteral("Estimate")));
        // 10 MiB cannot hold even the demo model's weights and the program.
        panel.setMemoryBudgetOverride(10.0 * 1024 * 1024);
        QVERIFY(!panel.refusal().isEmpty());
        QVERIFY(!run->isEnabled());
        QVERIFY(estimate->text().contains(QStringLiteral("Not possible")));
        // A budget between: the refusal suggests a number of rows that does fit.
        const ModelConfig demo = demoModelConfig();
        const double budget = workbenchRunCost(demo, 6, 145, 1, ModelState::ToBuild).additionalBytes / 0.85 + 1;
        panel.setMemoryBudgetOverride(budget);
        QVERIFY(panel.refusal().contains(QStringLiteral("at most")));
        panel.startRun();
        QVERIFY(!controller.isRunning());
    }

    void estimateGrowsWithTheInput() {
        const ModelConfig m = ModelConfig::esmMsa1b();
        const ui::RunEstimate small = workbenchRunCost(m, 16, 128, 2, ModelState::Loaded);
        const ui::RunEstimate big = workbenchRunCost(m, 128, 256, 2, ModelState::Loaded);
        QVERIFY(big.bytes > small.bytes);
        QVERIFY(big.seconds > small.seconds);
        // Matches perf-baseline.md's FLOP count (64 x 256: 3,940 GFLOP) to within 2 %.
        QVERIFY(std::abs(workbenchRunCost(m, 64, 256, 2, ModelState::Loaded).gflop - 3940) / 3940 < 0.02);
        const int64_t rows = maxRowsWithin(m, 256, 1, ModelState::Loaded,
                                           workbenchRunCost(m, 100, 256, 1, ModelState::Loaded).additionalBytes);
        QCOMPARE(rows, int64_t(100));
        QCOMPARE(maxRowsWithin(m, 256, 1, ModelState::Loaded, 1e15),
                 int64_t(1024));  // never beyond the model's row table
    }

    void estimateIsCoresPlanForTheWorkbenchRun() {
        // What the panel shows is core's plan for exactly the outputs a workbench run keeps
        // (core's plan is checked against measured peak RSS in tests/model/test_run_estimate).
        const ModelConfig m = ModelConfig::esmMsa1b();
        const axs::RunEstimate plan = axs::estimateRun(m, 64, 256, workbenchForwardOptions(true, 2));
        const ui::RunEstimate loaded = workbenchRunCost(m, 64, 256, 2, ModelState::Loaded);
        QCOMPARE(loaded.bytes, double(plan.bytes));
        QCOMPARE(loaded.additionalBytes, double(plan.bytes - plan.modelBytes));
        QCOMPARE(loaded.seconds, plan.seconds);
        // Before the model is loaded, the checkpoint conversion (two copies of the weights)
        // is the larger peak at this size.
        const ui::RunEstimate fresh = workbenchRunCost(m, 64, 256, 2, ModelState::ToConvert);
        QVERIFY(fresh.bytes >= 2.0 * double(plan.modelBytes));
        QCOMPARE(fresh.additionalBytes, fresh.bytes);
    }

    void panelRefusesMoreRowsThanTheModelTakes() {
        Session session;
        auto msa = std::make_shared<Msa>();
        for (int r = 0; r < 1100; ++r) {
            msa->rows.push_back(std::string(20, "ACDEFGHIKLMNPQRSTVWY"[r % 20]));
            msa->names.push_back(std::string("s").append(std::to_string(r)));
        }
        session.setMsa(msa);
        RunController controller(&session);
        RunPanel panel(&session, &controller);
        panel.setMemoryBudgetOverride(64.0 * 1024 * 1024 * 1024);
        auto* rows = panel.findChild<QSpinBox*>(QStringLiteral("runRows"));
        QVERIFY(rows);
        rows->setValue(1100);
        QVERIFY2(panel.refusal().contains(QStringLiteral("at most 1024 rows")), qPrintable(panel.refusal()));
        rows->setValue(1024);
        QVERIFY2(panel.refusal().isEmpty(), qPrintable(panel.refusal()));
    }
};

QTEST_MAIN(TestUiRunJob)
#include "test_ui_run_job.moc"
