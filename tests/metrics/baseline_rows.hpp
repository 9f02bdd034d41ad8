// The rows of shared/data/derived/baseline_precision.tsv joined with baseline_list.tsv and
// truth_config.json: what to score, against what, and the printed expected numbers.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTest>
#include <cstdio>

#include "metrics/contact_precision.hpp"
#include "test_paths.hpp"

namespace axs::test {

struct BaselineRow {
    QString id, label, prediction, msa, structure, chain;
    int queryRow = 0;
    QStringList expected;  ///< L, Lc, short P@L, P@L/2, P@L/5, medium ..., long ... as printed
};

/// Empty when ../shared is absent.
inline QList<BaselineRow> baselineRows() {
    QList<BaselineRow> rows;
    const QString data = sharedPath("data");
    if (data.isEmpty()) return rows;
    auto lines = [](const QString& path) {
        QFile f(path);
        QStringList out;
        if (f.open(QIODevice::ReadOnly))
            for (const QString& l : QString::fromUtf8(f.readAll()).split('\n'))
                if (!l.trimmed().isEmpty() && !l.startsWith('#')) out << l;
        return out;
    };
    QFile cfg(data + "/derived/truth_config.json");
    if (!cfg.open(QIODevice::ReadOnly)) return rows;
    const QJsonArray config = QJsonDocument::fromJson(cfg.readAll()).array();
    const QStringList list = lines(data + "/derived/baseline_list.tsv");
    const QStringList table = lines(data + "/derived/baseline_precision.tsv");
    for (const QString& line : table.mid(1)) {
        const QStringList f = line.split('\t');
        BaselineRow r;
        r.id = f[0];
        r.label = f[1];
        r.expected = f.mid(2);
        for (const QString& l : list) {
            const QStringList g = l.split('\t');
            if (g[0] == r.id && g[3] == r.label) r.prediction = data + "/" + g[1];
        }
        for (const auto& v : config) {
            const QJsonObject o = v.toObject();
            if (o["id"].toString() != r.id) continue;
            r.msa = data + "/" + o["msa"].toString();
            r.queryRow = o["row"].toInt();
            r.structure = data + "/" + o["structure"].toString();
            r.chain = o["chain"].toString();
        }
        rows << r;
    }
    return rows;
}

/// Adds one data row per baseline (columns: BaselineRow index), or a single row that skips.
inline void addBaselineRows() {
    QTest::addColumn<int>("index");
    const auto rows = baselineRows();
    if (rows.isEmpty()) QTest::newRow("shared data absent") << -1;
    for (int k = 0; k < rows.size(); ++k) QTest::newRow(qPrintable(rows[k].id + " " + rows[k].label)) << k;
}

#define AXS_FETCH_BASELINE_ROW(row)                                                                             \
    QFETCH(int, index);                                                                                         \
    if (index < 0) QSKIP("needs ../shared/data (baselines, truth, structures); not present beside this clone"); \
    const axs::test::BaselineRow row = axs::test::baselineRows()[index];                                        \
    QVERIFY2(!row.prediction.isEmpty() && !row.structure.isEmpty(), qPrintable(row.id + " " + row.label))

/// The 9 precision columns as printed by score_baselines.py (Python "%.4f": the exact binary
/// value rounded half to even, e.g. 0.40625 -> "0.4062"; C printf does the same, while
/// QString::number would print "0.4063").
template <class Eval>
QStringList printedPrecisions(const Eval& ev) {
    QStringList out;
    for (axs::ContactRange r : {axs::ContactRange::Short, axs::ContactRange::Medium, axs::ContactRange::Long})
        for (double v : {ev[r].pAtL, ev[r].pAtL2, ev[r].pAtL5}) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.4f", v);
            out << QString::fromLatin1(buf);
        }
    return out;
}

}  // namespace axs::test
