// The viewer scripts (core/viewers) name every pair by the structure file's author chain
// and residue numbers — checked on the bundled example (numbering from 4), on mmCIF files
// whose label numbering differs from the author numbering, and with missing residues —
// carry the verdict colours, parse as what they claim to be, and are written atomically.
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "common/error.hpp"
#include "viewer_test_support.hpp"
#include "viewers/viewer_scripts.hpp"

using namespace axs;
using namespace axs::test;

class TestViewerScripts : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    struct Case {
        ProteinStructure structure;
        const StructureChain* chain = nullptr;
        QueryMapping mapping;
        ContactSelection selection;
        ViewerScene scene;
    };

    Case makeCase(const QString& path, SeparationRange range, double fraction) {
        Case c;
        c.structure = readStructure(path.toStdString());
        c.chain = &c.structure.defaultChain();
        c.mapping = mapQueryToChain(c.chain->sequence(), *c.chain);
        const QueryContactMap truth = queryContactMap(*c.chain, c.mapping);
        ContactSelectionRule rule;
        rule.fraction = fraction;
        c.selection = selectContacts(syntheticScores(truth), &truth.contacts, separationWindow(range), rule);
        c.scene.structurePath = c.structure.sourcePath;
        c.scene.format = c.structure.format;
        c.scene.title = "test pairs";
        c.scene.pairs = viewerPairs(c.selection.contacts, c.mapping, *c.chain);
        return c;
    }

    // Every script holds exactly the selection's pairs, in order, in author numbering.
    void checkScripts(const Case& c, const QString& stem) {
        QVERIFY(!c.selection.contacts.empty());
        QCOMPARE(c.scene.pairs.size(), c.selection.contacts.size());  // all mapped: the chain is the query
        const QString base = dir_.filePath(stem);
        writeViewerScript((base + ".cxc").toStdString(), ViewerFormat::ChimeraX, c.scene);
        writeViewerScript((base + ".pml").toStdString(), ViewerFormat::PyMol, c.scene);
        writeViewerScript((base + ".mvsj").toStdString(), ViewerFormat::MolViewSpec, c.scene);
        bool json = false;
        QString url;
        const std::vector<ScriptPair> mvs = molViewSpecPairs(base + ".mvsj", &json, &url);
        QVERIFY2(json, "the .mvsj is not valid JSON");
        // The scene finds the structure relative to itself.
        QCOMPARE(QFileInfo(QDir(dir_.path()).absoluteFilePath(url)).canonicalFilePath(),
                 QFileInfo(QString::fromStdString(c.structure.sourcePath)).canonicalFilePath());
        const QString cxcText = readText(base + ".cxc"), pmlText = readText(base + ".pml");
        const QString absolute =
            QDir::cleanPath(QFileInfo(QString::fromStdString(c.structure.sourcePath)).absoluteFilePath());
        QVERIFY(cxcText.contains("open \"" + absolute + "\""));
        QVERIFY(pmlText.contains("cmd.load(r'''" + absolute + "'''"));
        for (const auto& [name, pairs] : {std::pair{"cxc", chimeraxPairs(base + ".cxc")},
                                          std::pair{"pml", pymolPairs(base + ".pml")}, std::pair{"mvsj", mvs}}) {
            QVERIFY2(pairs.size() == c.selection.contacts.size(), name);
            for (size_t k = 0; k < pairs.size(); ++k) {
                const RankedContact& m = c.selection.contacts[k];
                QCOMPARE(pairs[k].a, expectedEnd(*c.chain, c.mapping, m.i));
                QCOMPARE(pairs[k].b, expectedEnd(*c.chain, c.mapping, m.j));
                QCOMPARE(pairs[k].color, QString::fromLatin1(verdictColor(verdictOf(m))));
            }
        }
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void bundledExampleNumberingStartsAtFour() {
        const Case c = makeCase(bundledExamplePdb(), SeparationRange::Long, 1.0);
        QCOMPARE(c.chain->residues.front().seqNum, 4);       // so position-based numbering would fail
        QCOMPARE(c.selection.contacts.size(), size_t(145));  // top L long, L = 145
        size_t truePairs = 0, falsePairs = 0, glycineEnds = 0;
        for (const ViewerPair& p : c.scene.pairs) {
            truePairs += p.verdict == Verdict::True;
            falsePairs += p.verdict == Verdict::False;
            for (const ViewerResidue* r : {&p.first, &p.second})
                if (r->name == "GLY") {
                    QCOMPARE(QString::fromStdString(r->atom), QStringLiteral("CA"));  // glycine has no CB
                    ++glycineEnds;
                }
        }
        QVERIFY(truePairs > 0 && falsePairs > 0);  // both colours are exercised
        QVERIFY(glycineEnds > 0);
        checkScripts(c, "1a3a");
    }

    void mmcifUsesAuthorNotLabelNumbers() {
        const Case c = makeCase(structureData("2vqc.cif.gz"), SeparationRange::Long, 1.0);
        QCOMPARE(c.structure.format, std::string("mmcif"));
        bool differs = false;
        for (const StructureResidue& r : c.chain->residues) differs |= r.labelSeq != r.seqNum;
        QVERIFY2(differs, "2vqc.cif should have label_seq_id != auth_seq_id, else the check proves nothing");
        checkScripts(c, "2vqc");
    }

    void mmcifWithMissingResidues() {
        const Case c = makeCase(structureData("3u8v.cif.gz"), SeparationRange::Medium, 0.5);
        checkScripts(c, "3u8v");
    }

    void formatFromExtension() {
        QCOMPARE(viewerFormatForPath("a/b.CXC"), std::optional(ViewerFormat::ChimeraX));
        QCOMPARE(viewerFormatForPath("x.pml"), std::optional(ViewerFormat::PyMol));
        QCOMPARE(viewerFormatForPath("x.mvsj"), std::optional(ViewerFormat::MolViewSpec));
        QVERIFY(!viewerFormatForPath("x.json"));
    }

    void writesAtomically() {
        const Case c = makeCase(structureData("2vqc.cif.gz"), SeparationRange::Long, 0.2);
        QTemporaryDir out;
        const QString target = out.filePath("pairs.pml");
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old content that must be replaced whole\n");
        }
        writeViewerScript(target.toStdString(), ViewerFormat::PyMol, c.scene);
        QVERIFY(!readText(target).contains("old content"));
        QCOMPARE(QDir(out.path()).entryList(QDir::Files), QStringList{"pairs.pml"});  // no temporary left behind
        // A folder that does not exist: a clear error naming the file, nothing written.
        const QString bad = out.filePath("missing/pairs.cxc");
        try {
            writeViewerScript(bad.toStdString(), ViewerFormat::ChimeraX, c.scene);
            QFAIL("writing into a missing folder should fail");
        } catch (const axs::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(bad), e.what());
        }
        QCOMPARE(QDir(out.path()).entryList(QDir::Files), QStringList{"pairs.pml"});
    }
};

QTEST_GUILESS_MAIN(TestViewerScripts)
#include "test_viewer_scripts.moc"
