// `axialscope-cli evaluate --pymol --chimerax --molviewspec`: the scripts hold the pairs
// evaluate lists, in the same order, named by the structure's author chain and numbering
// (bundled example numbered from 4; mmCIF with label != author numbers); --range / --top
// choose them as the contact map does; bad values are clear errors.
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.hpp"
#include "viewer_test_support.hpp"

using namespace axs;
using namespace axs::test;

namespace {

/// The chain's sequence and the synthetic prediction as a CASP RR file (1-based pairs).
QString writePrediction(const QString& path, const StructureChain& chain, const QueryContactMap& truth) {
    const TensorD s = syntheticScores(truth);
    QString text = "PFRMAT RR\nMODEL  1\n" + QString::fromStdString(chain.sequence()) + "\n";
    for (int64_t i = 0; i < s.shape[0]; ++i)
        for (int64_t j = i + 3; j < s.shape[0]; ++j)
            if (std::isfinite(s.at(i, j)))
                text += QStringLiteral("%1 %2 0 8 %3\n").arg(i + 1).arg(j + 1).arg(s.at(i, j), 0, 'f', 6);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write((text + "END\n").toUtf8());
    return path;
}

struct Listed {
    int i, j;  // 1-based query positions
    ScriptEnd a, b;
};

/// "rank  i  j  A:4  A:50  score  verdict" lines after "pairs in the viewer scripts".
std::vector<Listed> listedPairs(const QString& out) {
    std::vector<Listed> pairs;
    static const QRegularExpression re(
        QStringLiteral(R"(^\d+\s+(\d+)\s+(\d+)\s+(\w*):(-?\d+\w?)\s+(\w*):(-?\d+\w?)\s)"),
        QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(out.mid(out.indexOf("pairs in the viewer scripts"))); it.hasNext();) {
        const auto m = it.next();
        pairs.push_back({m.captured(1).toInt(),
                         m.captured(2).toInt(),
                         {m.captured(3), m.captured(4), {}},
                         {m.captured(5), m.captured(6), {}}});
    }
    return pairs;
}

}  // namespace

class TestEvaluateViewerScripts : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    void checkStructure(const QString& structurePath, const QString& range, const QString& top, size_t expectedCount) {
        const ProteinStructure structure = readStructure(structurePath.toStdString());
        const StructureChain& chain = structure.defaultChain();
        const QueryMapping mapping = mapQueryToChain(chain.sequence(), chain);
        const QueryContactMap truth = queryContactMap(chain, mapping);
        const QString stem = dir_.filePath(QFileInfo(structurePath).baseName() + "_" + range);
        const QString rr = writePrediction(stem + ".rr", chain, truth);
        const CliRun run =
            runCli({"evaluate", "--contacts", rr, "--structure", structurePath, "--range", range, "--top", top,
                    "--pymol", stem + ".pml", "--chimerax", stem + ".cxc", "--molviewspec", stem + ".mvsj"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const std::vector<Listed> listed = listedPairs(QString::fromUtf8(run.out));
        QCOMPARE(listed.size(), expectedCount);
        bool json = false;
        for (const auto& [name, pairs] :
             {std::pair{"cxc", chimeraxPairs(stem + ".cxc")}, std::pair{"pml", pymolPairs(stem + ".pml")},
              std::pair{"mvsj", molViewSpecPairs(stem + ".mvsj", &json)}}) {
            QVERIFY2(pairs.size() == listed.size(), name);
            for (size_t k = 0; k < pairs.size(); ++k) {
                // The structure's own author numbering of the listed query positions...
                const ScriptEnd a = expectedEnd(chain, mapping, listed[k].i - 1);
                const ScriptEnd b = expectedEnd(chain, mapping, listed[k].j - 1);
                QCOMPARE(pairs[k].a, a);
                QCOMPARE(pairs[k].b, b);
                // ... is also what evaluate prints.
                QCOMPARE(listed[k].a.chain + ":" + listed[k].a.residue, a.chain + ":" + a.residue);
                QCOMPARE(listed[k].b.chain + ":" + listed[k].b.residue, b.chain + ":" + b.residue);
            }
        }
        QVERIFY(json);
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void bundledExampleTopLLongRange() { checkStructure(bundledExamplePdb(), "long", "L", 145); }
    void bundledExampleTopHalfLMedium() { checkStructure(bundledExamplePdb(), "medium", "L/2", 72); }  // floor(145 / 2)
    void mmcifFileAuthorNumbering() {
        checkStructure(structureData("2vqc.cif.gz"), "long", "L/5", 14);
    }  // floor(70 / 5)

    void badOptionsAreClearErrors() {
        const QString structure = structureData("2vqc.cif.gz");
        const ProteinStructure s = readStructure(structure.toStdString());
        const StructureChain& chain = s.defaultChain();
        const QString rr = writePrediction(dir_.filePath("bad.rr"), chain,
                                           queryContactMap(chain, mapQueryToChain(chain.sequence(), chain)));
        CliRun run = runCli({"evaluate", "--contacts", rr, "--structure", structure, "--range", "far", "--pymol",
                             dir_.filePath("x.pml")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains("--range expects local, short, medium, long or all"), run.err.constData());
        run = runCli({"evaluate", "--contacts", rr, "--structure", structure, "--top", "3"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains("--pymol, --chimerax or --molviewspec"), run.err.constData());
        run = runCli({"evaluate", "--contacts", rr, "--structure", structure, "--top", "2L", "--chimerax",
                      dir_.filePath("x.cxc")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains("--top expects L, L/2, L/5"), run.err.constData());
        QVERIFY(!QFileInfo::exists(dir_.filePath("x.cxc")) && !QFileInfo::exists(dir_.filePath("x.pml")));
    }
};

QTEST_GUILESS_MAIN(TestEvaluateViewerScripts)
#include "test_evaluate_viewer_scripts.moc"
