// Renders every analysis view headless with real data (1a3a from ../shared: MSA, structure,
// CCMpred and MetaPSICOV predictions; a seeded random 12-layer x 12-head model, since the
// released weights are not part of the repository) and checks that each picture has
// content. With AXS_SCREENSHOT_DIR set, the PNGs are written there (docs/screenshots/).
#include <QDir>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "attention/attention_explorer.hpp"
#include "attention/row_attention_view.hpp"
#include "contactmap/contact_map_view.hpp"
#include "contacts/contact_prediction.hpp"
#include "heads/head_scores_view.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa/tokenizer.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "test_paths.hpp"

using namespace axs;
using namespace axs::ui;

class TestAttentionScreenshots : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString out_;
    RunResultPtr run_;
    std::shared_ptr<const MsaTransformer> model_;
    std::optional<QueryContactMap> truth_;

    void save(QWidget* w, const QString& name) {
        QCoreApplication::processEvents();
        const QImage img = w->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 4)
            for (int x = 0; x < img.width(); x += 4) colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 30, qPrintable(name + ": the picture is nearly blank"));
        QVERIFY(img.save(QDir(out_).filePath(name)));
    }

private slots:
    void initTestCase() {
        AXS_REQUIRE_SHARED(msaPath, "data/msa/1a3a/1a3a_1_A.a3m");
        AXS_REQUIRE_SHARED(pdbPath, "data/structures/1a3a/1a3a.pdb");
        out_ = qEnvironmentVariable("AXS_SCREENSHOT_DIR", tmp_.path());
        QDir().mkpath(out_);
        auto run = std::make_shared<RunResult>();
        run->msa = subsample(readMsa(msaPath.toStdString()), 16, SubsampleMode::Greedy);
        run->tokens = tokenizeMsa(run->msa);
        ModelConfig config;  // the official 12 x 12 heads, narrower so that the test stays fast
        config.layers = 12;
        config.heads = 12;
        config.embedDim = 96;
        config.ffnDim = 192;
        config.rowEmbeddingWidth = 96;
        model_ = std::make_shared<const MsaTransformer>(MsaTransformer::withRandomWeights(config, 7));
        ForwardOptions options;
        options.rowAttentions = true;
        options.contacts = true;
        ForwardResult r = model_->forward(run->tokens, options);
        run->rowAttentions = std::move(r.rowAttentions);
        run->contacts = std::move(r.contacts);
        run->regressionWeights = model_->contactRegressionWeights();
        run->model.label = "random 12 x 12 demo model";
        run->model.randomWeights = true;
        run_ = run;
        const ProteinStructure structure = readStructure(pdbPath.toStdString());
        const StructureChain& chain = structure.chain("A");
        truth_ = queryContactMap(chain, mapQueryToChain(run_->msa.query(), chain));
    }

    void attentionViews() {
        AttentionExplorer explorer;
        explorer.resize(1150, 1050);
        explorer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&explorer));
        explorer.setRun(run_);
        explorer.setModel(model_);
        explorer.showHead(4, 7);
        explorer.showTab(AttentionExplorer::Tab::Overview);
        save(&explorer, "attention_overview.png");
        explorer.showTab(AttentionExplorer::Tab::RowAttention);
        explorer.resize(1000, 900);
        save(&explorer, "row_attention.png");
        QSignalSpy ready(&explorer, &AttentionExplorer::columnAttentionReady);
        explorer.setSelectedColumn(40);
        QVERIFY(ready.wait(60000));
        explorer.showTab(AttentionExplorer::Tab::ColumnAttention);
        explorer.resize(1000, 1000);
        save(&explorer, "column_attention.png");
    }

    void contactMap() {
        AXS_REQUIRE_SHARED(ccmpred, "data/baselines/1a3a/CCMpred");
        AXS_REQUIRE_SHARED(meta, "data/baselines/1a3a/metaPSICOV");
        const size_t T = run_->msa.width();
        ContactMapView view;
        view.resize(1350, 880);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setQuery(run_->msa.query());
        view.setPrediction(readContactPrediction(ccmpred.toStdString(), T).scores, "CCMpred");
        view.setTruth(*truth_, "1a3a chain A");
        view.addComparison(readContactPrediction(meta.toStdString(), T).scores, "MetaPSICOV");
        view.setRange(SeparationRange::Long);
        view.setRule({ContactSelectionRule::Kind::TopFraction, 1.0, 0});
        QVERIFY(view.selection().truePositives > 0);
        save(&view, "contact_map.png");
    }

    void headScores() {
        HeadScoresView view;
        view.resize(1200, 620);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy ready(&view, &HeadScoresView::scoresReady);
        view.setRun(run_);
        view.setTruth(*truth_);
        QVERIFY(ready.wait(60000));
        save(&view, "head_scores.png");
    }
};

QTEST_MAIN(TestAttentionScreenshots)
#include "test_attention_screenshots.moc"
