// The attention explorer shows the engine's numbers: heatmap cells against the model's
// row attention, the APC view against symmetrizeApc, the on-demand column attention
// against a full forward pass, the overview thumbnails and the click wiring.
#include <qcustomplot.h>

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "attention/attention_explorer.hpp"
#include "attention/attention_maps.hpp"
#include "attention/attention_overview.hpp"
#include "attention/column_attention.hpp"
#include "attention/column_attention_view.hpp"
#include "attention/row_attention_view.hpp"
#include "common/error.hpp"
#include "model/contact_head.hpp"
#include "plot/heatmap_widget.hpp"
#include "test_attention_fixture.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

/// Largest |heatmap cell - expected(row, col)| over the whole map; also checks size and
/// that cell (row, col) is centred at (firstX + col, firstY + row).
template <class F>
double maxCellError(const HeatmapWidget& w, int rows, int cols, int firstNumber, F expected) {
    QCPColorMapData* data = w.colorMapItem()->data();
    if (data->keySize() != cols || data->valueSize() != rows) return INFINITY;
    double worst = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            double x, y;
            data->cellToCoord(c, r, &x, &y);
            if (std::abs(x - (firstNumber + c)) > 1e-9 || std::abs(y - (firstNumber + r)) > 1e-9) return INFINITY;
            worst = std::max(worst, std::abs(data->cell(c, r) - double(expected(r, c))));
        }
    return worst;
}

TensorF fullForwardColumns(const RunResult& run) {
    ForwardOptions options;
    options.colAttentions = true;
    return test::referenceModel()->forward(run.tokens, options).colAttentions;
}

}  // namespace

class TestAttentionViews : public QObject {
    Q_OBJECT
    RunResultPtr run_;
    int T_ = 0;

private slots:
    void initTestCase() {
        run_ = test::referenceRun();
        QCOMPARE(run_->layers(), 2);
        QCOMPARE(run_->heads(), 4);
        QCOMPARE(run_->columns(), 11);
        T_ = run_->columns() - 1;
    }

    void rawHeatmapEqualsEngine_data() {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("head");
        QTest::addColumn<bool>("withCls");
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h)
                for (bool cls : {false, true})
                    QTest::addRow("L%d H%d %s", l, h, cls ? "cls" : "no cls") << l << h << cls;
    }
    void rawHeatmapEqualsEngine() {
        QFETCH(int, layer);
        QFETCH(int, head);
        QFETCH(bool, withCls);
        RowAttentionView view;
        view.setRun(run_);
        view.setIncludeCls(withCls);
        view.setHead(layer, head);
        const int n = withCls ? T_ + 1 : T_, offset = withCls ? 0 : 1;
        const double err = maxCellError(*view.heatmap(), n, n, withCls ? 0 : 1, [&](int i, int j) {
            return run_->rowAttentions.at(0, layer, head, i + offset, j + offset);
        });
        QCOMPARE(err, 0.0);  // the view copies the engine's floats, nothing else
    }

    void symmetrisedViews_data() {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("head");
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) QTest::addRow("L%d H%d", l, h) << l << h;
    }
    void symmetrisedViews() {
        QFETCH(int, layer);
        QFETCH(int, head);
        RowAttentionView view;
        view.setRun(run_);
        view.setIncludeCls(true);  // must not matter: symmetrised maps never hold <cls>
        view.setHead(layer, head);
        auto P = [&](int i, int j) { return double(run_->rowAttentions.at(0, layer, head, i + 1, j + 1)); };

        view.setMode(RowAttentionMode::Symmetrized);
        QCOMPARE(maxCellError(*view.heatmap(), T_, T_, 1, [&](int i, int j) { return float(P(i, j) + P(j, i)); }), 0.0);

        view.setMode(RowAttentionMode::SymmetrizedApc);
        const TensorF apc = symmetrizeApc(rowAttentionMap(run_->rowAttentions, layer, head, false));
        QCOMPARE(maxCellError(*view.heatmap(), T_, T_, 1, [&](int i, int j) { return apc.at(i, j); }), 0.0);
        // ... and symmetrizeApc is the APC of spec §5.11 (independent double computation).
        std::vector<double> row(T_, 0), col(T_, 0);
        double total = 0;
        for (int i = 0; i < T_; ++i)
            for (int j = 0; j < T_; ++j) {
                const double s = P(i, j) + P(j, i);
                row[i] += s;
                col[j] += s;
                total += s;
            }
        QVERIFY(maxCellError(*view.heatmap(), T_, T_, 1,
                             [&](int i, int j) { return P(i, j) + P(j, i) - row[i] * col[j] / total; }) < 1e-6);
    }

    void tooltipNamesResiduesAndValue() {
        RowAttentionView view;
        view.setRun(run_);
        view.setHead(1, 2);
        // query MKV-LAGHTE: residue 3 is V, residue 5 is L
        const QString text = view.heatmap()->cellDescription(2, 4);
        QVERIFY2(text.contains("i = 3 (V)") && text.contains("j = 5 (L)"), qPrintable(text));
        QVERIFY2(text.contains(QString::number(run_->rowAttentions.at(0, 1, 2, 3, 5), 'g', 4)), qPrintable(text));
        view.setIncludeCls(true);
        QVERIFY(view.heatmap()->cellDescription(0, 1).contains("i = cls (<cls>)"));
        QVERIFY(view.heatmap()->cellDescription(0, 1).contains("j = 1 (M)"));
        QVERIFY(view.heatmap()->cellDescription(T_ + 1, 0).isEmpty());
    }

    void clickingACellNamesTheResidues() {
        RowAttentionView view;
        view.resize(700, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRun(run_);
        view.heatmap()->plot()->replot();
        QSignalSpy spy(&view, &RowAttentionView::residuePairClicked);
        QCustomPlot* plot = view.heatmap()->plot();
        // residue i = 7 (row), j = 2 (column)
        const QPoint at(int(plot->xAxis->coordToPixel(2)), int(plot->yAxis->coordToPixel(7)));
        QTest::mouseClick(plot, Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toInt(), 7);
        QCOMPARE(spy[0][1].toInt(), 2);
    }

    void squareCellsAndFullMapVisible() {
        HeatmapWidget w;
        w.resize(900, 500);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        TensorF m({4, 6}, 0.5f);
        HeatmapAxis ax;
        ax.firstNumber = 1;
        w.setMatrix(m, ax, ax, "v");
        QCustomPlot* p = w.plot();
        const double pxX = std::abs(p->xAxis->coordToPixel(2) - p->xAxis->coordToPixel(1));
        const double pxY = std::abs(p->yAxis->coordToPixel(2) - p->yAxis->coordToPixel(1));
        QVERIFY2(std::abs(pxX - pxY) < 1.0, qPrintable(QString("%1 vs %2").arg(pxX).arg(pxY)));
        QVERIFY(p->xAxis->range().lower <= 0.5 && p->xAxis->range().upper >= 6.5);
        QVERIFY(p->yAxis->range().lower <= 0.5 && p->yAxis->range().upper >= 4.5);
    }

    void logScaleUsesPositiveRange() {
        RowAttentionView view;
        view.setRun(run_);
        view.setLogScale(true);
        const ValueRange r = view.heatmap()->currentRange();
        QVERIFY(r.logarithmic);
        QVERIFY(r.lower > 0 && r.upper > r.lower);
        QCOMPARE(view.heatmap()->colorMapItem()->dataScaleType(), QCPAxis::stLogarithmic);
    }

    void columnAttentionEqualsFullForward() {
        const TensorF full = fullForwardColumns(*run_);
        QCOMPARE(full.shape, (std::vector<int64_t>{1, 2, 4, 11, 3, 3}));
        for (int column : {0, 3, 9}) {
            const TensorF one = computeColumnAttention(*test::referenceModel(), run_->tokens, column);
            QCOMPARE(one.shape, (std::vector<int64_t>{2, 4, 3, 3}));
            const TensorF expected = columnAttentionSlice(full, column + 1);
            double worst = 0;
            for (size_t k = 0; k < one.size(); ++k)
                worst = std::max(worst, double(std::abs(one.data[k] - expected.data[k])));
            QVERIFY2(worst <= 1e-6, qPrintable(QString("column %1: max diff %2").arg(column).arg(worst)));
        }
        QVERIFY_THROWS_EXCEPTION(Error, computeColumnAttention(*test::referenceModel(), run_->tokens, 10));
        QVERIFY_THROWS_EXCEPTION(Error, computeColumnAttention(*test::referenceModel(), run_->tokens, -1));
    }

    void columnAttentionWaitsForTheRunsModel() {
        // A run opened from a saved analysis has no model in memory: the column view says
        // which model it needs and computes as soon as that model is handed over.
        AttentionExplorer explorer;
        explorer.setRun(run_);
        QSignalSpy ready(&explorer, &AttentionExplorer::columnAttentionReady);
        explorer.setSelectedColumn(2);
        QVERIFY(!explorer.isComputing());
        bool named = false;
        for (QLabel* label : explorer.columnView()->findChildren<QLabel*>())
            named |= label->text().contains(QString::fromStdString(run_->model.label));
        QVERIFY(named);
        explorer.setModel(test::referenceModel());
        QVERIFY(explorer.isComputing() || !ready.isEmpty());
        QVERIFY(!ready.isEmpty() || ready.wait(20000));
        QCOMPARE(ready[0][0].toInt(), 2);
    }

    void explorerComputesColumnOnDemandAndCaches() {
        const TensorF full = fullForwardColumns(*run_);
        AttentionExplorer explorer;
        explorer.setRun(run_);
        explorer.setModel(test::referenceModel());
        QSignalSpy ready(&explorer, &AttentionExplorer::columnAttentionReady);
        explorer.setSelectedColumn(4);
        QVERIFY(explorer.isComputing());
        QVERIFY(ready.wait(20000));
        QCOMPARE(ready[0][0].toInt(), 4);
        QVERIFY(!explorer.isComputing());
        explorer.showHead(1, 3);
        const int M = 3;
        ColumnAttentionView* view = explorer.columnView();
        const double err = maxCellError(*view->heatmap(), M, M, 1, [&](int i, int j) {  // sequences 1-based
            return full.at(0, 1, 3, 5, i, j);                                           // MSA column 4 = token column 5
        });
        QVERIFY2(err <= 1e-6, qPrintable(QString::number(err)));
        const QVector<double> bars = view->barValues();
        QCOMPARE(bars.size(), M);
        double sum = 0;
        for (int j = 0; j < M; ++j) {
            double expected = 0;
            for (int i = 0; i < M; ++i) expected += full.at(0, 1, 3, 5, i, j);
            QVERIFY(std::abs(bars[j] - expected / M) < 1e-6);
            sum += bars[j];
        }
        QVERIFY(std::abs(sum - 1) < 1e-5);  // each query row's attention sums to 1
        // From the cache: ready at once, no job.
        explorer.setSelectedColumn(4);
        QCOMPARE(ready.count(), 2);
        QVERIFY(!explorer.isComputing());
        QCOMPARE(explorer.columnCache().size(), size_t(1));
    }

    void explorerCancelsAndReportsFailures() {
        AttentionExplorer explorer;
        explorer.setRun(run_);
        explorer.setModel(test::referenceModel());
        std::atomic<bool> sawCancel{false};
        explorer.setColumnAttentionFunction([&](const RunResult&, int, const Progress& progress) -> TensorF {
            for (int k = 0; k < 2000; ++k) {
                if (progress.cancelled()) {
                    sawCancel = true;
                    progress.throwIfCancelled();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            return TensorF({2, 4, 3, 3});
        });
        QSignalSpy ready(&explorer, &AttentionExplorer::columnAttentionReady);
        explorer.setSelectedColumn(2);
        QVERIFY(explorer.isComputing());
        explorer.cancelColumnAttention();
        QVERIFY(!explorer.isComputing());
        QTRY_VERIFY_WITH_TIMEOUT(sawCancel.load(), 5000);
        QTest::qWait(50);
        QCOMPARE(ready.count(), 0);
        QCOMPARE(explorer.columnCache().size(), size_t(0));

        explorer.setColumnAttentionFunction(
            [](const RunResult&, int, const Progress&) -> TensorF { throw Error("model.pt: out of memory"); });
        QSignalSpy failed(&explorer, &AttentionExplorer::columnAttentionFailed);
        explorer.setSelectedColumn(3);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed[0][0].toInt(), 3);
        QVERIFY(failed[0][1].toString().contains("out of memory"));
        explorer.setSelectedColumn(99);  // outside the alignment: nothing starts
        QVERIFY(!explorer.isComputing());
    }

    void cacheEvictsLeastRecentlyUsed() {
        const size_t one = 2 * 4 * 3 * 3 * sizeof(float);
        ColumnAttentionCache cache(2 * one);
        cache.insert(1, TensorF({2, 4, 3, 3}, 1.f));
        cache.insert(2, TensorF({2, 4, 3, 3}, 2.f));
        QVERIFY(cache.find(1));  // 1 is now the most recent
        cache.insert(3, TensorF({2, 4, 3, 3}, 3.f));
        QCOMPARE(cache.size(), size_t(2));
        QVERIFY(cache.find(1) && cache.find(3));
        QVERIFY(!cache.find(2));
        QCOMPARE(cache.find(3)->data[0], 3.f);
    }

    void overviewThumbnailsAndClicks() {
        AttentionExplorer explorer;
        explorer.resize(900, 700);
        explorer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&explorer));
        explorer.setRun(run_);
        explorer.setModel(test::referenceModel());
        AttentionOverview* overview = explorer.overview();
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                const QImage img = overview->thumbnail(l, h);
                QCOMPARE(img.size(), QSize(T_, T_));
                const TensorF map = rowAttentionMap(run_->rowAttentions, l, h, false);
                const ValueRange range = displayRange(map, ColorMap::Viridis, false);
                // the brightest pixel is the largest attention of the head
                size_t best = 0;
                for (size_t k = 1; k < map.size(); ++k)
                    if (map.data[k] > map.data[best]) best = k;
                QCOMPARE(img.pixel(int(best % T_), int(best / T_)), colorMapColor(ColorMap::Viridis, 1.0).rgb());
                QCOMPARE(normalizedPosition(map.data[best], range), 1.0);
            }
        QVERIFY(!overview->thumbnail(2, 0).isNull() == false);
        QSignalSpy heads(&explorer, &AttentionExplorer::headChanged);
        QTest::mouseClick(overview, Qt::LeftButton, {}, overview->thumbnailCenter(1, 3));
        QCOMPARE(heads.count(), 1);
        QCOMPARE(explorer.layer(), 1);
        QCOMPARE(explorer.head(), 3);
        QCOMPARE(explorer.rowView()->layer(), 1);
        QCOMPARE(explorer.rowView()->head(), 3);
        QCOMPARE(overview->headAt(overview->thumbnailCenter(0, 2)), std::make_optional(std::make_pair(0, 2)));
    }

    void badShapesThrow() {
        QVERIFY_THROWS_EXCEPTION(Error, rowAttentionMap(TensorF({2, 2}), 0, 0, false));
        QVERIFY_THROWS_EXCEPTION(Error, rowAttentionMap(run_->rowAttentions, 2, 0, false));
        QVERIFY_THROWS_EXCEPTION(Error, rowAttentionMap(run_->rowAttentions, 0, 4, false));
        QVERIFY_THROWS_EXCEPTION(Error, columnAttentionMap(TensorF({2, 4, 3, 2}), 0, 0));
        QVERIFY_THROWS_EXCEPTION(Error, attentionReceived(TensorF({2, 3})));
    }
};

QTEST_MAIN(TestAttentionViews)
#include "test_attention_views.moc"
