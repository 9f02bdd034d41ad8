// The bounded gzip reader of common/decompression.hpp: what it accepts (members, padding,
// pieces of any size), what it refuses (corrupt, truncated, trailing data) and the limits
// (size, ratio) with messages naming the file and the limit, in bounded memory.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "common/decompression.hpp"
#include "common/error.hpp"
#include "common/resource_usage.hpp"
#include "error_message.hpp"
#include "gzip_bomb.hpp"

using namespace axs;
using axs::test::errorMessageOf;

namespace {

// A plain gzip stream of `data` (one copy of a "bomb" block is just that).
std::string gzipOf(const std::string& data) { return test::gzipBomb(data, 1).toStdString(); }

// Text that compresses only a little (about 2-fold), like real alignments.
std::string sampleText(size_t bytes) {
    std::string s;
    uint32_t x = 7;
    while (s.size() < bytes) {
        x = x * 1103515245u + 12345u;
        s += "ACDEFGHIKLMNPQRSTVWY-\n"[(x >> 16) % 22];
    }
    return s;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const std::string& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) return {};
    return path;
}

}  // namespace

class TestDecompression : public QObject {
    Q_OBJECT
private slots:
    void acceptedStreams_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        const std::string text = sampleText(300000);
        const std::string a = text.substr(0, 1000), b = text.substr(1000);
        QTest::newRow("plain") << QByteArray::fromStdString(text) << QByteArray::fromStdString(text);
        QTest::newRow("one member") << QByteArray::fromStdString(gzipOf(text)) << QByteArray::fromStdString(text);
        QTest::newRow("two members") << QByteArray::fromStdString(gzipOf(a) + gzipOf(b))
                                     << QByteArray::fromStdString(text);
        QTest::newRow("zero padding") << QByteArray::fromStdString(gzipOf(text) + std::string(512, '\0'))
                                      << QByteArray::fromStdString(text);
        QTest::newRow("empty member") << QByteArray::fromStdString(gzipOf("")) << QByteArray();
    }
    void acceptedStreams() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string in = input.toStdString();
        QCOMPARE(QByteArray::fromStdString(decompressIfGzip(in, "x.gz", {})), expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, "x.gz", in);
        QCOMPARE(QByteArray::fromStdString(readFileDecompressed(path.toStdString(), {})), expected);
        if (!isGzip(in)) return;
        // Fed in pieces of any size, the output is the same and comes in pieces of at most 64 KiB.
        for (size_t piece : {size_t(1), size_t(7), size_t(4096)}) {
            GzipInflater inflater("x.gz", {});
            std::string out;
            size_t largest = 0;
            for (size_t at = 0; at < in.size(); at += piece)
                inflater.feed(std::string_view(in).substr(at, piece), [&](const char* d, size_t n) {
                    out.append(d, n);
                    largest = std::max(largest, n);
                });
            inflater.finish();
            QCOMPARE(QByteArray::fromStdString(out), expected);
            QVERIFY(largest <= 65536);
            QCOMPARE(inflater.decompressedBytes(), uint64_t(expected.size()));
        }
    }

    void refusedStreams_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("mustContain");
        const std::string gz = gzipOf(sampleText(100000));
        QTest::newRow("truncated") << QByteArray::fromStdString(gz.substr(0, gz.size() / 2)) << "truncated gzip";
        QTest::newRow("header only") << QByteArray::fromStdString(gz.substr(0, 10)) << "truncated gzip";
        QTest::newRow("trailing text") << QByteArray::fromStdString(gz + "hello") << "unexpected data after";
        QTest::newRow("padding then text")
            << QByteArray::fromStdString(gz + std::string(4, '\0') + "x") << "unexpected data after";
        std::string flipped = gz;
        flipped[gz.size() / 2] = char(flipped[gz.size() / 2] ^ 0x55);
        QTest::newRow("corrupt body") << QByteArray::fromStdString(flipped) << "corrupt gzip data";
        std::string badCrc = gz;
        badCrc[gz.size() - 6] = char(badCrc[gz.size() - 6] ^ 1);
        QTest::newRow("bad CRC") << QByteArray::fromStdString(badCrc) << "corrupt gzip data";
        QTest::newRow("bad method") << QByteArray("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x03xxxx", 14)
                                    << "corrupt gzip data";
    }
    void refusedStreams() {
        QFETCH(QByteArray, input);
        QFETCH(QString, mustContain);
        const QString message = errorMessageOf([&] { decompressIfGzip(input.toStdString(), "/data/bad.a3m.gz", {}); });
        QVERIFY2(message.startsWith("/data/bad.a3m.gz: "), qPrintable(message));
        QVERIFY2(message.contains(mustContain), qPrintable(message));
    }

    void sizeLimitNamesFileAndLimit() {
        const std::string text = sampleText(200000);
        DecompressionLimits limits;
        limits.maxBytes = 150000;
        QString message = errorMessageOf([&] { decompressIfGzip(gzipOf(text), "big.sto.gz", limits); });
        QVERIFY2(message.startsWith("big.sto.gz: "), qPrintable(message));
        QVERIFY2(message.contains("exceeds the limit of 150000 bytes"), qPrintable(message));
        message = errorMessageOf([&] { decompressIfGzip(text, "big.sto", limits); });
        QVERIFY2(message.contains("more than the limit of 150000 bytes"), qPrintable(message));
        QTemporaryDir dir;
        const QString path = writeFile(dir, "big.sto", text);
        message = errorMessageOf([&] { readFileDecompressed(path.toStdString(), limits); });
        QVERIFY2(message.startsWith(path + ": ") && message.contains("larger than the limit of 150000 bytes"),
                 qPrintable(message));
        // Exactly at the limit is fine.
        limits.maxBytes = text.size();
        QCOMPARE(decompressIfGzip(gzipOf(text), "big.sto.gz", limits).size(), text.size());
        QCOMPARE(readFileDecompressed(path.toStdString(), limits).size(), text.size());
    }

    void ratioLimitStopsBombs() {
        // 64 MiB of one repeated line: about 1000-fold, past the 32 MiB grace.
        const QByteArray bomb = test::gzipBomb(test::repeatedText(">x\nMKV\n", size_t{1} << 20), 64);
        const std::string in = bomb.toStdString();
        const QString message = errorMessageOf([&] { decompressIfGzip(in, "bomb.a3m.gz", {}); });
        QVERIFY2(message.startsWith("bomb.a3m.gz: ") && message.contains("expands more than 200-fold"),
                 qPrintable(message));
        // Without the ratio check the same stream is valid gzip (CRC and size checked by zlib).
        DecompressionLimits noRatio;
        noRatio.maxRatio = 0;
        QCOMPARE(decompressIfGzip(in, "bomb.a3m.gz", noRatio).size(), size_t{64} << 20);
        // Small files may expand more: below the grace size the ratio is not checked.
        const QByteArray small = test::gzipBomb(test::repeatedText("A", size_t{1} << 20), 8);
        QCOMPARE(decompressIfGzip(small.toStdString(), "small.gz", {}).size(), size_t{8} << 20);
    }

    void checkDecompressedSizePolicy() {
        DecompressionLimits limits;
        limits.maxBytes = 1000;
        limits.maxRatio = 10;
        limits.ratioGraceBytes = 100;
        checkDecompressedSize("e", 10, 100, limits);  // at the grace size
        checkDecompressedSize("e", 50, 500, limits);  // exactly 10-fold
        checkDecompressedSize("e", 1, 1000, {});      // default limits: tiny sizes pass
        QVERIFY(errorMessageOf([&] { checkDecompressedSize("e", 50, 501, limits); }).contains("10-fold"));
        QVERIFY(errorMessageOf([&] { checkDecompressedSize("e", 1000, 1001, limits); }).contains("1000 bytes"));
        limits.maxRatio = 0;
        checkDecompressedSize("e", 1, 1000, limits);
    }

    // The bomb of the issue: 20 MB that inflates to 6 GiB, read from disk. Memory stays
    // bounded by the grace size (ratio) or the size limit, not by the bomb.
    void bombsFromDiskInBoundedMemory_data() {
        QTest::addColumn<int>("distinctLines");
        QTest::addColumn<int>("repeats");
        QTest::addColumn<int>("limitMib");
        QTest::addColumn<QString>("mustContain");
        QTest::addColumn<double>("maxGrowthMib");
        QTest::newRow("6 GiB at ~290-fold: ratio") << 1 << 6144 << 1024 << "200-fold" << 100.0;
        QTest::newRow("1 GiB at ~120-fold: size") << 100 << 1024 << 256 << "the limit of 256 MiB" << 256.0 + 100;
    }
    void bombsFromDiskInBoundedMemory() {
        QFETCH(int, distinctLines);
        QFETCH(int, repeats);
        QFETCH(int, limitMib);
        QFETCH(QString, mustContain);
        QFETCH(double, maxGrowthMib);
        QTemporaryDir dir;
        const QString path = dir.filePath("bomb.pdb.gz");
        QVERIFY(test::writeGzipBomb(path, test::pdbBombBlock(distinctLines), uint64_t(repeats)));
        DecompressionLimits limits;
        limits.maxBytes = uint64_t(limitMib) << 20;
        resetPeakResidentMemory();
        const double before = currentResidentMib();
        const QString message = errorMessageOf([&] { readFileDecompressed(path.toStdString(), limits); });
        const double growth = peakResidentMib() - before;
        qInfo("%s: peak resident growth %.0f MiB, %.0f MiB compressed", QTest::currentDataTag(), growth,
              QFileInfo(path).size() / 1048576.0);
        QVERIFY2(message.startsWith(path + ": ") && message.contains(mustContain), qPrintable(message));
        if (peakResidentMib() > 0) QVERIFY2(growth < maxGrowthMib, qPrintable(QString::number(growth)));
    }

    void prefixForSniffing() {
        const std::string text = sampleText(100000);
        const std::string gz = gzipOf(text);
        const std::string head = gunzipPrefix(std::string_view(gz).substr(0, gz.size() / 2), 1 << 20);
        QVERIFY(!head.empty());
        QVERIFY(text.starts_with(head));
        QCOMPARE(gunzipPrefix(gz, 1000), text.substr(0, 1000));
        QCOMPARE(gunzipPrefix("\x1f\x8bgarbage", 1000), std::string());
        QCOMPARE(gunzipPrefix("", 1000), std::string());
    }

    void byteSizes() {
        QCOMPARE(describeByteSize(1), std::string("1 byte"));
        QCOMPARE(describeByteSize(20000), std::string("20000 bytes"));
        QCOMPARE(describeByteSize(uint64_t{512} << 20), std::string("512 MiB"));
        QCOMPARE(describeByteSize(uint64_t{3} << 29), std::string("1.5 GiB"));
    }

    void missingFile() {
        const QString message = errorMessageOf([] { readFileDecompressed("/nonexistent/x.a3m.gz", {}); });
        QVERIFY2(message.startsWith("/nonexistent/x.a3m.gz: cannot open"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestDecompression)
#include "test_decompression.moc"
