// Alphabet and tokenizer against the golden reference data: every case's tokens.npy must be
// reproduced exactly from its .a3m inputs (single MSAs via tokenizeMsa, padded batches via
// tokenizeBatch), and the alphabet must equal the manifest's token list.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "error_message.hpp"
#include "msa/alphabet.hpp"
#include "msa/msa_io.hpp"
#include "msa/tokenizer.hpp"
#include "test_paths.hpp"

namespace {

QJsonObject manifest() {
    QFile f(axs::test::dataPath("reference/MANIFEST.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

axs::Msa inMemory(std::vector<std::string> rows) {
    axs::Msa m;
    m.rows = std::move(rows);
    m.names.resize(m.rows.size());
    m.sourcePath = "in-memory.a3m";
    return m;
}

QString errorOf(const std::function<void()>& f) { return axs::test::errorMessageOf(f); }

}  // namespace

class TestMsaTokenizer : public QObject {
    Q_OBJECT
private slots:
    void alphabetMatchesManifest() {
        const QJsonObject a = manifest().value("alphabet").toObject();
        const QJsonArray tokens = a.value("tokens").toArray();
        QCOMPARE(tokens.size(), qsizetype(axs::alphabet::kSize));
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const std::string t = tokens[i].toString().toStdString();
            QCOMPARE(std::string(axs::alphabet::tokenText(i)), t);
            QCOMPARE(axs::alphabet::tokenIndex(std::string_view(t)), int64_t(i));
            if (t.size() == 1) QCOMPARE(axs::alphabet::tokenIndex(t[0]), int64_t(i));
        }
        QCOMPARE(int64_t(a.value("padding_idx").toInt()), axs::alphabet::kPad);
        QCOMPARE(int64_t(a.value("cls_idx").toInt()), axs::alphabet::kCls);
        QCOMPARE(int64_t(a.value("eos_idx").toInt()), axs::alphabet::kEos);
        QCOMPARE(int64_t(a.value("unk_idx").toInt()), axs::alphabet::kUnk);
        QCOMPARE(int64_t(a.value("mask_idx").toInt()), axs::alphabet::kMask);
        QCOMPARE(axs::alphabet::tokenIndex('-'), axs::alphabet::kGap);
        QCOMPARE(axs::alphabet::tokenIndex('.'), axs::alphabet::kDot);
    }

    void alignmentCharacters_data() {
        QTest::addColumn<char>("c");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<int>("token");
        QTest::newRow("L") << 'L' << true << 4;
        QTest::newRow("O") << 'O' << true << 28;
        QTest::newRow("X") << 'X' << true << 24;
        QTest::newRow("gap") << '-' << true << 30;
        QTest::newRow("dot (a token, but never in a read row)") << '.' << false << 29;
        QTest::newRow("J") << 'J' << false << -1;
        QTest::newRow("lower a") << 'a' << false << -1;
        QTest::newRow("digit") << '7' << false << -1;
        QTest::newRow("space") << ' ' << false << -1;
        QTest::newRow("star") << '*' << false << -1;
        QTest::newRow("high byte") << char(0xC3) << false << -1;
    }
    void alignmentCharacters() {
        QFETCH(char, c);
        QFETCH(bool, allowed);
        QFETCH(int, token);
        QCOMPARE(axs::alphabet::isAlignmentChar(c), allowed);
        QCOMPARE(axs::alphabet::tokenIndex(c), int64_t(token));
    }

    void residueLettersAreTheVocabulary() {
        // Exactly the upper-case one-letter tokens, nothing else.
        int count = 0;
        for (char c = 'A'; c <= 'Z'; ++c) {
            const bool inList = std::string_view(axs::alphabet::residueLetters()).find(c) != std::string_view::npos;
            QCOMPARE(inList, axs::alphabet::tokenIndex(c) >= 0);
            count += inList;
        }
        QCOMPARE(count, 25);
    }

    void goldenTokens_data() {
        QTest::addColumn<QStringList>("inputs");
        QTest::addColumn<QString>("tokensFile");
        const QJsonArray cases = manifest().value("cases").toArray();
        QVERIFY(cases.size() >= 10);
        for (const auto& v : cases) {
            const QJsonObject c = v.toObject();
            QStringList inputs;
            for (const auto& i : c.value("inputs").toArray()) inputs << i.toString();
            const QString id = c.value("id").toString();
            QTest::newRow(qPrintable(id)) << inputs << QString("reference/cases/%1/tokens.npy").arg(id);
        }
    }
    void goldenTokens() {
        QFETCH(QStringList, inputs);
        QFETCH(QString, tokensFile);
        const QJsonObject inputInfo = manifest().value("inputs").toObject();
        std::vector<axs::Msa> msas;
        for (const QString& in : inputs) {
            msas.push_back(axs::readMsa(axs::test::dataFile("reference/" + in)));
            // The manifest's own record/column counts for the input.
            const QJsonObject info = inputInfo.value(in.section('/', -1)).toObject();
            QCOMPARE(qsizetype(msas.back().depth()), qsizetype(info.value("records").toInt()));
            QCOMPARE(qsizetype(msas.back().width()), qsizetype(info.value("aligned_columns").toInt()));
        }
        const axs::TensorI64 expected = axs::readNpyInt64(axs::test::dataFile(tokensFile));
        const axs::TensorI64 got = msas.size() == 1 ? axs::tokenizeMsa(msas.front()) : axs::tokenizeBatch(msas);
        QCOMPARE(got.shape, expected.shape);
        QCOMPARE(got.data, expected.data);
        // A batch of one through tokenizeBatch is the same as tokenizeMsa.
        if (msas.size() == 1) QCOMPARE(axs::tokenizeBatch(msas).data, got.data);
    }

    void paddedBatchLayout() {
        // Depth 3 x width 4 and depth 1 x width 2: R = 3, C = 5, pad everywhere the small one ends.
        const axs::TensorI64 t = axs::tokenizeBatch({inMemory({"LAGV", "L-GV", "XAGV"}), inMemory({"LA"})});
        QCOMPARE(t.shape, (std::vector<int64_t>{2, 3, 5}));
        QCOMPARE(t.at(0, 1, 0), axs::alphabet::kCls);
        QCOMPARE(t.at(0, 1, 2), axs::alphabet::kGap);
        QCOMPARE(t.at(1, 0, 0), axs::alphabet::kCls);
        QCOMPARE(t.at(1, 0, 1), int64_t{4});
        QCOMPARE(t.at(1, 0, 2), int64_t{5});
        QCOMPARE(t.at(1, 0, 3), axs::alphabet::kPad);
        QCOMPARE(t.at(1, 0, 4), axs::alphabet::kPad);
        for (int r = 1; r < 3; ++r)
            for (int c = 0; c < 5; ++c) QCOMPARE(t.at(1, r, c), axs::alphabet::kPad);
    }

    void tokenizerErrors_data() {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QStringList>("mustContain");
        QTest::newRow("J") << QStringList{"LAGV", "LJGV"} << QStringList{"in-memory.a3m", "row 2", "column 2", "'J'"};
        QTest::newRow("lower case") << QStringList{"LAGv"} << QStringList{"row 1", "column 4", "'v'"};
        QTest::newRow("unaligned") << QStringList{"LAGV", "LAG"} << QStringList{"unaligned", "row 2", "3", "4"};
        QTest::newRow("no rows") << QStringList{} << QStringList{"no rows"};
    }
    void tokenizerErrors() {
        QFETCH(QStringList, rows);
        QFETCH(QStringList, mustContain);
        std::vector<std::string> r;
        for (const auto& s : rows) r.push_back(s.toStdString());
        const QString msg = errorOf([&] { axs::tokenizeMsa(inMemory(r)); });
        QVERIFY2(!msg.isEmpty(), "expected an axs::Error");
        for (const auto& s : mustContain) QVERIFY2(msg.contains(s), qPrintable(msg + " lacks " + s));
    }

    void emptyBatchIsAnError() { QVERIFY_THROWS_EXCEPTION(axs::Error, axs::tokenizeBatch({})); }
};

QTEST_APPLESS_MAIN(TestMsaTokenizer)
#include "test_msa_tokenizer.moc"
