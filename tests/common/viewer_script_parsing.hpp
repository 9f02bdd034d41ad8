// Reads back the pairs of the viewer scripts (core/viewers) so tests can compare them with
// the structure's own numbering: ChimeraX `pbond` lines, PyMOL `distance` lines and the
// MolViewSpec tube primitives (parsed with QJsonDocument, which also checks it is JSON).
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <functional>
#include <vector>

namespace axs::test {

struct ScriptEnd {
    QString chain, residue, atom;  ///< residue: author number with insertion code ("45", "45A")
    bool operator==(const ScriptEnd&) const = default;
};
struct ScriptPair {
    ScriptEnd a, b;
    QString color;
};

inline QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// `pbond #1/A:45@CB #1/A:80@CA color #1ac83c ...`
inline std::vector<ScriptPair> chimeraxPairs(const QString& path) {
    std::vector<ScriptPair> out;
    static const QRegularExpression re(
        QStringLiteral(
            R"(^pbond #1(?:/(\S+))?:(-?\d+[A-Za-z]?)@(\w+) #1(?:/(\S+))?:(-?\d+[A-Za-z]?)@(\w+) color (#[0-9a-f]{6}))"),
        QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(readText(path)); it.hasNext();) {
        const auto m = it.next();
        out.push_back({{m.captured(1), m.captured(2), m.captured(3)},
                       {m.captured(4), m.captured(5), m.captured(6)},
                       m.captured(7)});
    }
    return out;
}

/// `distance axs_pair_0001, /obj//A/45/CB, /obj//A/80/CA` followed by `color axs_1ac83c, ...`
inline std::vector<ScriptPair> pymolPairs(const QString& path) {
    std::vector<ScriptPair> out;
    static const QRegularExpression re(
        QStringLiteral(
            R"(^distance (\w+), /\w+//(\w*)/\\?(-?\d+[A-Za-z]?)/(\w+), /\w+//(\w*)/\\?(-?\d+[A-Za-z]?)/(\w+)\ncolor axs_([0-9a-f]{6}), \1$)"),
        QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(readText(path)); it.hasNext();) {
        const auto m = it.next();
        out.push_back({{m.captured(2), m.captured(3), m.captured(4)},
                       {m.captured(5), m.captured(6), m.captured(7)},
                       "#" + m.captured(8)});
    }
    return out;
}

inline ScriptEnd mvsEnd(const QJsonObject& o) {
    QString residue = QString::number(o.value("auth_seq_id").toInt());
    if (o.contains("pdbx_PDB_ins_code")) residue += o.value("pdbx_PDB_ins_code").toString();
    return {o.value("auth_asym_id").toString(), residue, o.value("auth_atom_id").toString()};
}

/// Tube primitives anywhere in the tree; `valid` is false when the file is not JSON.
inline std::vector<ScriptPair> molViewSpecPairs(const QString& path, bool* valid = nullptr, QString* url = nullptr) {
    std::vector<ScriptPair> out;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(readText(path).toUtf8(), &error);
    if (valid) *valid = error.error == QJsonParseError::NoError && doc.isObject();
    std::function<void(const QJsonObject&)> walk = [&](const QJsonObject& node) {
        const QJsonObject params = node.value("params").toObject();
        if (node.value("kind").toString() == "download" && url) *url = params.value("url").toString();
        if (node.value("kind").toString() == "primitive" && params.value("kind").toString() == "tube")
            out.push_back({mvsEnd(params.value("start").toObject()), mvsEnd(params.value("end").toObject()),
                           params.value("color").toString()});
        for (const QJsonValue& child : node.value("children").toArray()) walk(child.toObject());
    };
    walk(doc.object().value("root").toObject());
    return out;
}

}  // namespace axs::test
