// Coevolution contacts in the workbench (ui/coevolution): an alignment opened in the main
// window, MI computed through the Run dock's Coevolution panel as a Job, and the contact
// map showing exactly the scores of the core calls `axialscope-cli coevolution --method mi`
// makes; with a model prediction present the result becomes a lower-triangle comparison.
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "coevolution/apc.hpp"
#include "coevolution/coevolution_contacts.hpp"
#include "coevolution/coevolution_controller.hpp"
#include "coevolution/coevolution_panel.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/reweighting.hpp"
#include "coevolution/score_tensor.hpp"
#include "contactmap/contact_map_matrix.hpp"
#include "contactmap/contact_map_view.hpp"
#include "files/file_opener.hpp"
#include "mainwindow/main_window.hpp"
#include "msa/msa_io.hpp"
#include "plot/heatmap_widget.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

// The MI path of app/cli/cmd_coevolution.cpp, called directly.
Eigen::MatrixXd directMi(const std::string& path) {
    const coevolution::EncodedMsa encoded = coevolution::encodeMsa(readMsa(path));
    const std::vector<double> w = coevolution::sequenceWeights(encoded, 0.8, 0);
    return coevolution::averageProductCorrection(coevolution::mutualInformation(encoded, w, {}));
}

}  // namespace

class TestUiCoevolution : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_ui_coevolution", scratch_);
    }

    void miThroughThePanelMatchesTheCore_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("1a3a first 8 rows") << QStringLiteral("reference/inputs/1a3a_1_A.first8.a3m");
        QTest::newRow("handmade 3 x 10") << QStringLiteral("reference/inputs/handmade_3x10.a3m");
    }
    void miThroughThePanelMatchesTheCore() {
        QFETCH(QString, file);
        const QString path = test::dataPath(file);
        MainWindow w;
        w.openFiles({path});
        QVERIFY(test::waitForOpenedFiles(w) && w.session()->msa());
        QVERIFY(!w.contactView()->heatmap()->matrix().size());  // no prediction before

        CoevolutionPanel* panel = w.coevolutionPanel();
        auto* method = panel->findChild<QComboBox*>(QStringLiteral("coevolutionMethod"));
        auto* compute = panel->findChild<QPushButton*>(QStringLiteral("coevolutionCompute"));
        QVERIFY(method && compute);
        method->setCurrentIndex(method->findData(int(CoevolutionMethod::Mi)));
        QVERIFY(compute->isEnabled());
        QSignalSpy started(w.coevolutionController(), &CoevolutionController::started);
        QSignalSpy finished(w.coevolutionController(), &CoevolutionController::finished);
        QSignalSpy failed(w.coevolutionController(), &CoevolutionController::failed);
        QTest::mouseClick(compute, Qt::LeftButton);
        // The click starts a job and returns; its result can only arrive through the event
        // loop, which has not run yet: running, nothing reported, the panel locked.
        QCOMPARE(started.count(), 1);
        QVERIFY(w.coevolutionController()->isRunning());
        QCOMPARE(finished.count() + failed.count(), 0);
        QVERIFY(!compute->isEnabled());
        QVERIFY(!method->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 || failed.count() == 1, 30000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!w.coevolutionController()->isRunning());
        QVERIFY(compute->isEnabled());

        const Eigen::MatrixXd expected = directMi(path.toStdString());
        const int64_t T = int64_t(w.session()->msa()->width());
        QCOMPARE(int64_t(expected.rows()), T);
        const CoevolutionResultPtr result = w.session()->coevolution();
        QVERIFY(result);
        QCOMPARE(coevolutionLabel(result->method), std::string("MI (coevolution)"));
        QCOMPARE(result->scores.shape, (std::vector<int64_t>{T, T}));
        for (int64_t i = 0; i < T; ++i)
            for (int64_t j = 0; j < T; ++j) QCOMPARE(result->scores.at(i, j), float(expected(i, j)));

        // No model run: the result is the main prediction, drawn in the upper triangle on the
        // view's [0, 1] scale.
        QCOMPARE(w.viewWidget(MainWindow::View::Contacts), static_cast<QWidget*>(w.contactView()));
        const TensorF& shown = w.contactView()->heatmap()->matrix();
        QCOMPARE(shown.shape, (std::vector<int64_t>{T, T}));
        const TriangleValues scale =
            triangleValues(coevolution::scoreTensor<double>(expected.cast<float>().cast<double>()));
        for (int64_t i = 0; i < T; ++i)
            for (int64_t j = i + 1; j < T; ++j)
                QCOMPARE(shown.at(i, j), float(scale.shown(double(float(expected(i, j))))));
    }

    void besideAModelPredictionItIsASecondPrediction() {
        const std::string path = test::dataFile(QStringLiteral("reference/inputs/handmade_3x10.a3m"));
        auto msa = std::make_shared<const Msa>(readMsa(path));
        const CoevolutionResultPtr result =
            std::make_shared<const CoevolutionResult>(runCoevolution(*msa, CoevolutionMethod::Mi, 0, Progress{}));
        const int64_t T = int64_t(msa->width());
        ContactMapView view;
        view.setQuery(msa->query());
        TensorF model({T, T}, 0.25f);
        view.setPrediction(model, QStringLiteral("model"));
        showCoevolution(view, *result, true, true);
        QCOMPARE(view.lowerSource(), 1);
        const TensorF& shown = view.heatmap()->matrix();
        TensorD scores(result->scores.shape);
        for (size_t k = 0; k < scores.size(); ++k) scores.data[k] = result->scores.data[k];
        const TriangleValues scale = triangleValues(scores);
        for (int64_t i = 0; i < T; ++i)
            for (int64_t j = i + 1; j < T; ++j) {
                QCOMPARE(shown.at(i, j), 0.25f);  // the model stays above
                QCOMPARE(shown.at(j, i), float(scale.shown(scores.at(i, j))));
            }
    }

    void cancelledBeforeItStartsReportsCancelled() {
        // Cancellation is honoured at the first check: the job ends with cancelled(), no result.
        auto msa =
            std::make_shared<const Msa>(readMsa(test::dataFile(QStringLiteral("reference/inputs/handmade_3x10.a3m"))));
        std::atomic<bool> stop{true};
        Progress p;
        p.cancel = &stop;
        QVERIFY_THROWS_EXCEPTION(Cancelled, runCoevolution(*msa, CoevolutionMethod::Mi, 0, p));
        QVERIFY_THROWS_EXCEPTION(Cancelled, runCoevolution(*msa, CoevolutionMethod::Plm, 0, p));
    }
};

QTEST_MAIN(TestUiCoevolution)
#include "test_ui_coevolution.moc"
