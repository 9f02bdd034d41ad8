// Reading tests/data/reference/MANIFEST.json: the golden cases of the official
// implementation (see tests/data/reference/README.md) and helpers to compare outputs.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "common/tensor.hpp"
#include "test_paths.hpp"

namespace axs::test {

struct GoldenOutput {
    QString name;  ///< "logits", "repr_layer2", "row_attentions", ...
    QString file;  ///< relative to reference/
    std::vector<int64_t> shape;
    double atol = 0.0;  ///< suggested_atol (0 for tokens: exact)
};

struct GoldenCase {
    QString id;
    QString model;
    QStringList checkpoints;  ///< relative to reference/
    QStringList inputs;       ///< relative to reference/
    std::vector<int> reprLayers;
    int64_t maxTokensPerMsa = 0;
    bool chunked = false;
    std::vector<GoldenOutput> outputs;
    bool padded() const { return inputs.size() > 1; }
};

inline QString referencePath(const QString& rel) { return dataPath("reference/" + rel); }

inline std::vector<GoldenCase> loadGoldenCases() {
    QFile f(referencePath("MANIFEST.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    std::vector<GoldenCase> cases;
    for (const QJsonValue& v : root.value("cases").toArray()) {
        const QJsonObject c = v.toObject();
        GoldenCase g;
        g.id = c.value("id").toString();
        g.model = c.value("model").toString();
        for (const QJsonValue& p : c.value("checkpoint_files").toArray()) g.checkpoints << p.toString();
        for (const QJsonValue& p : c.value("inputs").toArray()) g.inputs << p.toString();
        for (const QJsonValue& k : c.value("repr_layers").toArray()) g.reprLayers.push_back(k.toInt());
        g.maxTokensPerMsa = static_cast<int64_t>(c.value("max_tokens_per_msa").toDouble());
        g.chunked = c.value("chunked_path_used").toBool();
        const QJsonObject outs = c.value("outputs").toObject();
        for (auto it = outs.begin(); it != outs.end(); ++it) {
            const QJsonObject o = it.value().toObject();
            GoldenOutput out;
            out.name = it.key();
            out.file = o.value("file").toString();
            for (const QJsonValue& s : o.value("shape").toArray())
                out.shape.push_back(static_cast<int64_t>(s.toDouble()));
            out.atol = o.value("suggested_atol").toDouble(0.0);
            g.outputs.push_back(out);
        }
        cases.push_back(g);
    }
    return cases;
}

/// Largest |a − e| / atol over all elements, and where it happened (flat index).
struct Deviation {
    double worstRatio = 0.0;
    double worstError = 0.0;
    size_t where = 0;
    bool nonFinite = false;
};

inline Deviation compareTensors(const TensorF& actual, const TensorF& expected, double atol) {
    Deviation d;
    for (size_t i = 0; i < expected.size(); ++i) {
        const double a = actual.data[i], e = expected.data[i];
        if (!std::isfinite(a)) {
            d.nonFinite = true;
            d.where = i;
            d.worstRatio = INFINITY;
            return d;
        }
        const double err = std::fabs(a - e);
        if (err / atol > d.worstRatio) {
            d.worstRatio = err / atol;
            d.worstError = err;
            d.where = i;
        }
    }
    return d;
}

/// "[0][1][3][5]" for a flat index into `shape`.
inline std::string indexText(size_t flat, const std::vector<int64_t>& shape) {
    std::vector<int64_t> idx(shape.size());
    for (size_t d = shape.size(); d-- > 0;) {
        idx[d] = static_cast<int64_t>(flat % static_cast<size_t>(shape[d]));
        flat /= static_cast<size_t>(shape[d]);
    }
    std::string s;
    for (int64_t i : idx) s.append("[").append(std::to_string(i)).append("]");  // not "[" + string: GCC 12 -Wrestrict
    return s;
}

}  // namespace axs::test
