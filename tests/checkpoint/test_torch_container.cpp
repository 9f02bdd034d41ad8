// Zip and legacy containers: golden and official files, element types, strides and
// shared storages, and broken containers (truncated, missing records, wrong sizes).
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cmath>
#include <cstring>

#include "checkpoint/dtype.hpp"
#include "checkpoint/torch_file.hpp"
#include "common/error.hpp"
#include "error_message.hpp"
#include "test_paths.hpp"
#include "torch_writer.hpp"

using namespace axs::test;

Q_DECLARE_METATYPE(std::string)

namespace {

std::string ref(const QString& rel) { return dataFile("reference/" + rel); }

QString errorOfRead(const std::string& path) {
    return axs::test::errorMessageOf([&] { axs::readTensorDict(path); });
}

std::string halfBytes(std::initializer_list<uint16_t> values) {
    std::string s;
    for (uint16_t v : values) s += std::string(reinterpret_cast<const char*>(&v), 2);
    return s;
}

template <class T>
std::string bytesOfValues(std::initializer_list<T> values) {
    std::string s;
    for (T v : values) s += std::string(reinterpret_cast<const char*>(&v), sizeof(T));
    return s;
}

// Independent float16 -> float reference, by arithmetic instead of bit assembly.
float referenceHalf(uint16_t h) {
    const int sign = (h >> 15) ? -1 : 1;
    const int exponent = (h >> 10) & 31;
    const int mantissa = h & 1023;
    if (exponent == 0) return static_cast<float>(sign * std::ldexp(mantissa, -24));
    if (exponent == 31) return mantissa ? std::nanf("") : sign * INFINITY;
    return static_cast<float>(sign * std::ldexp(1024 + mantissa, exponent - 25));
}

FakeCheckpoint oneTensor(const std::string& storageClass, const std::string& storage, int64_t numel,
                         std::vector<int64_t> size, std::vector<int64_t> stride = {}, int64_t offset = 0) {
    FakeCheckpoint ck;
    ck.withArgs = false;
    FakeTensor t;
    t.storageKey = "0";
    t.storageClass = storageClass;
    t.storageNumel = numel;
    t.size = std::move(size);
    t.stride = std::move(stride);
    t.offset = offset;
    ck.model.emplace_back("w", t);
    ck.storages["0"] = storage;
    return ck;
}

}  // namespace

class TestTorchContainer : public QObject {
    Q_OBJECT
private slots:
    void zipAndLegacyGiveIdenticalTensors() {
        const axs::TensorDictFile zip = axs::readTensorDict(ref("models/msa_t2_e128_h2.pt"));
        const axs::TensorDictFile legacy = axs::readTensorDict(ref("models/msa_t2_e128_h2_legacy.pt"));
        QCOMPARE(zip.container, axs::TorchContainer::Zip);
        QCOMPARE(legacy.container, axs::TorchContainer::Legacy);
        QVERIFY(zip.names.size() > 60);
        QCOMPARE(legacy.names, zip.names);
        for (size_t i = 0; i < zip.names.size(); ++i) {
            QCOMPARE(legacy.tensors[i].shape, zip.tensors[i].shape);
            QVERIFY2(std::memcmp(legacy.tensors[i].ptr(), zip.tensors[i].ptr(), zip.tensors[i].size() * 4) == 0,
                     zip.names[i].c_str());
        }
        const axs::TensorDictFile regZip = axs::readTensorDict(ref("models/msa_t2_e128_h2-contact-regression.pt"));
        const axs::TensorDictFile regLegacy =
            axs::readTensorDict(ref("models/msa_t2_e128_h2_legacy-contact-regression.pt"));
        QCOMPARE(regLegacy.container, axs::TorchContainer::Legacy);
        QCOMPARE(regLegacy.names, regZip.names);
        for (size_t i = 0; i < regZip.names.size(); ++i) QCOMPARE(regLegacy.tensors[i].data, regZip.tensors[i].data);
    }

    void officialMsa1bRegressionFile() {
        const axs::TensorDictFile f =
            axs::readTensorDict(ref("official_samples/esm_msa1b_t12_100M_UR50S-contact-regression.pt"));
        QCOMPARE(f.container, axs::TorchContainer::Zip);
        QCOMPARE(f.names, (std::vector<std::string>{"contact_head.regression.weight", "contact_head.regression.bias"}));
        QCOMPARE(f.dtypes[0], axs::StorageDtype::Float16);
        QCOMPARE(f.tensors[0].shape, (std::vector<int64_t>{1, 144}));
        QCOMPARE(f.tensors[1].shape, (std::vector<int64_t>{1}));
        size_t nonzero = 0;
        for (float v : f.tensors[0].data) nonzero += v != 0.0f;
        QCOMPARE(nonzero, size_t(41));
        QCOMPARE(f.tensors[1].data[0], -5.0390625f);  // exactly representable in float16
    }

    void officialEsm1bRegressionFileIsLegacy() {
        const axs::TensorDictFile f =
            axs::readTensorDict(ref("official_samples/esm1b_t33_650M_UR50S-contact-regression.pt"));
        QCOMPARE(f.container, axs::TorchContainer::Legacy);
        QCOMPARE(f.dtypes[0], axs::StorageDtype::Float32);
        QCOMPARE(f.tensors[0].shape, (std::vector<int64_t>{1, 660}));
        size_t nonzero = 0;
        for (float v : f.tensors[0].data) nonzero += v != 0.0f;
        QCOMPARE(nonzero, size_t(104));
        QCOMPARE(f.tensors[1].data[0], -4.897809028625488f);
    }

    void halfConversionIsExactForEveryPattern() {
        for (uint32_t h = 0; h < 65536; ++h) {
            const float got = axs::halfToFloat(static_cast<uint16_t>(h));
            const float want = referenceHalf(static_cast<uint16_t>(h));
            if (std::isnan(want)) {
                QVERIFY(std::isnan(got));
                continue;
            }
            if (std::bit_cast<uint32_t>(got) != std::bit_cast<uint32_t>(want))
                QFAIL(qPrintable(QString("half 0x%1 -> %2, expected %3").arg(h, 4, 16, QChar('0')).arg(got).arg(want)));
        }
    }

    void elementTypes_data() {
        QTest::addColumn<std::string>("storageClass");
        QTest::addColumn<std::string>("storage");
        QTest::addColumn<QList<float>>("expected");
        QTest::newRow("float32") << std::string("FloatStorage") << bytesOfValues<float>({1.5f, -0.0f, 3e38f})
                                 << QList<float>{1.5f, -0.0f, 3e38f};
        QTest::newRow("float16 incl. subnormal and inf")
            << std::string("HalfStorage") << halfBytes({0x3c00, 0x0001, 0xfc00})
            << QList<float>{1.0f, std::ldexp(1.0f, -24), -INFINITY};
        QTest::newRow("bfloat16") << std::string("BFloat16Storage") << halfBytes({0x3f80, 0xc040, 0x0001})
                                  << QList<float>{1.0f, -3.0f, std::bit_cast<float>(0x00010000u)};
        QTest::newRow("float64 rounds to nearest")
            << std::string("DoubleStorage") << bytesOfValues<double>({0.1, -2.0, 1e300})
            << QList<float>{0.1f, -2.0f, INFINITY};
    }
    void elementTypes() {
        QFETCH(std::string, storageClass);
        QFETCH(std::string, storage);
        QFETCH(QList<float>, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("t.pt").toStdString();
        writeZipCheckpoint(path, oneTensor(storageClass, storage, 3, {3}));
        const axs::TensorDictFile f = axs::readTensorDict(path);
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(std::bit_cast<uint32_t>(f.tensors[0].data[i]), std::bit_cast<uint32_t>(expected[i]));
    }

    void integerTensorIsRejected() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("int.pt").toStdString();
        writeZipCheckpoint(path, oneTensor("LongStorage", bytesOfValues<int64_t>({1, 2}), 2, {2}));
        const QString message = errorOfRead(path);
        QVERIFY2(message.contains("int.pt") && message.contains("int64"), qPrintable(message));
    }

    void stridesOffsetsAndSharedStorage() {
        // Storage 0..11; tensor a = rows 1..2 of a 3x4 view (offset 4), tensor b = its
        // transpose (strides 1,4), tensor c = every other element (stride 2), all sharing it.
        std::string storage;
        for (int i = 0; i < 12; ++i) storage += bytesOfValues<float>({static_cast<float>(i)});
        FakeCheckpoint ck = oneTensor("FloatStorage", storage, 12, {2, 4}, {4, 1}, 4);
        FakeTensor b = ck.model[0].second;
        b.offset = 0;
        b.size = {4, 3};
        b.stride = {1, 4};
        FakeTensor c = ck.model[0].second;
        c.offset = 1;
        c.size = {6};
        c.stride = {2};
        ck.model.emplace_back("b", b);
        ck.model.emplace_back("c", c);
        QTemporaryDir dir;
        for (const bool legacy : {false, true}) {
            const std::string path = dir.filePath(legacy ? "l.pt" : "z.pt").toStdString();
            legacy ? writeLegacyCheckpoint(path, ck) : writeZipCheckpoint(path, ck);
            const axs::TensorDictFile f = axs::readTensorDict(path);
            QCOMPARE(f.tensors[0].data, (std::vector<float>{4, 5, 6, 7, 8, 9, 10, 11}));
            QCOMPARE(f.tensors[1].shape, (std::vector<int64_t>{4, 3}));
            QCOMPARE(f.tensors[1].data, (std::vector<float>{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
            QCOMPARE(f.tensors[2].data, (std::vector<float>{1, 3, 5, 7, 9, 11}));
        }
    }

    void bigEndianByteorderRecord() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("be.pt").toStdString();
        const FakeCheckpoint ck = oneTensor("HalfStorage", std::string("\x3c\x00\xc0\x00", 4), 2, {2});
        writeZip(path, pickleCheckpoint(ck, false), ck.storages, "be", {{"byteorder", "big"}});
        QCOMPARE(axs::readTensorDict(path).tensors[0].data, (std::vector<float>{1.0f, -2.0f}));
    }

    void compressedEntriesStillLoad() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("deflate.pt").toStdString();
        FakeCheckpoint ck;
        ck.withArgs = false;
        addFloatTensor(ck, "a", {50, 40}, 1);
        addFloatTensor(ck, "b", {7}, 2);
        writeZip(path, pickleCheckpoint(ck, false), ck.storages, "deflate", {}, true);
        const std::string plainPath = dir.filePath("plain.pt").toStdString();
        writeZipCheckpoint(plainPath, ck);
        const axs::TensorDictFile a = axs::readTensorDict(path);
        const axs::TensorDictFile b = axs::readTensorDict(plainPath);
        QCOMPARE(a.tensors[0].data, b.tensors[0].data);
        QCOMPARE(a.tensors[1].data, b.tensors[1].data);
    }

    void legacyStorageView() {
        // A legacy pid with view metadata (view_key, offset 2, size 3) into a 6-element storage.
        PickleWriter w;
        w.proto(2).emptyDict().str("model").emptyDict().str("v").global("torch._utils", "_rebuild_tensor_v2").mark();
        w.mark().str("storage").global("torch", "FloatStorage").str("root").str("cpu").integer(6);
        w.mark().str("view").integer(2).integer(3).tuple().tuple().binPersId();
        w.integer(1).mark().integer(2).tuple().mark().integer(1).tuple().boolean(false);
        w.global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce().setItem().setItem().stop();
        FakeCheckpoint header;  // reuse the writer for the fixed legacy header pickles
        header.withArgs = false;
        std::string bytes = legacyBytes(header);
        // legacyBytes wrote header + empty object + empty key list; rebuild with our object.
        const size_t objectStart = bytes.find(std::string("\x80\x02}", 3), 30);
        bytes = bytes.substr(0, objectStart) + w.bytes();
        bytes += PickleWriter().proto(2).emptyList().mark().str("root").op('e').stop().bytes();
        bytes += PickleWriter().u64(6).bytes();
        for (int i = 0; i < 6; ++i) bytes += bytesOfValues<float>({10.0f + i});
        QTemporaryDir dir;
        const std::string path = dir.filePath("view.pt").toStdString();
        writeFile(path, bytes);
        const axs::TensorDictFile f = axs::readTensorDict(path);
        QCOMPARE(f.tensors[0].data, (std::vector<float>{13.0f, 14.0f}));  // view starts at 2, tensor offset 1
    }

    void brokenFiles_data() {
        QTest::addColumn<std::string>("bytes");  // file content, or
        QTest::addColumn<QString>("expected");
        const std::string golden = readFile(ref("models/msa_t2_e32_h4.pt"));
        for (const double at : {0.0, 0.1, 0.5, 0.9, 0.999}) {
            const size_t cut = static_cast<size_t>(static_cast<double>(golden.size()) * at);
            QTest::newRow(qPrintable(QString("zip truncated at %1 bytes").arg(cut))) << golden.substr(0, cut) << "";
        }
        QTest::newRow("zip minus last byte") << golden.substr(0, golden.size() - 1) << "truncated or corrupt";
        const std::string legacy = readFile(ref("models/msa_t2_e128_h2_legacy.pt"));
        for (const size_t cut :
             {size_t(1), size_t(14), size_t(200), size_t(17000), legacy.size() / 2, legacy.size() - 1})
            QTest::newRow(qPrintable(QString("legacy truncated at %1 bytes").arg(cut))) << legacy.substr(0, cut) << "";
        QTest::newRow("text file") << std::string(">seq1\nACDEF\n") << "not a PyTorch checkpoint";
        QTest::newRow("png magic") << std::string("\x89PNG\r\n\x1a\n") << "not a PyTorch checkpoint";
        QTest::newRow("legacy with a wrong magic number")
            << PickleWriter().proto(2).integer(12345).stop().bytes() + legacy.substr(15) << "magic number";
        std::string otherProtocol = legacy;
        otherProtocol[18] = static_cast<char>(0xe8);  // BININT2 1001 -> 1000 (0x03e8)
        otherProtocol[19] = 0x03;
        QTest::newRow("legacy with another protocol version") << otherProtocol << "protocol version";
    }
    void brokenFiles() {
        QFETCH(std::string, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("broken.pt").toStdString();
        writeFile(path, bytes);
        const QString message = errorOfRead(path);
        QVERIFY2(!message.isEmpty(), "a broken file was accepted");
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void brokenZipRecords_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("expected");
        QTest::newRow("data.pkl missing") << "nopkl"
                                          << "no <folder>/data.pkl";
        QTest::newRow("two data.pkl") << "twopkl"
                                      << "more than one data.pkl";
        QTest::newRow("storage record missing") << "nostorage"
                                                << "storage record archive/data/0 is missing";
        QTest::newRow("storage too short") << "short"
                                           << "holds 8 bytes, but 3 float32 elements need 12";
        QTest::newRow("storage too long") << "long"
                                          << "holds 16 bytes, but 3 float32 elements need 12";
        QTest::newRow("bad byteorder record") << "byteorder"
                                              << "byteorder record says 'middle'";
        QTest::newRow("data.pkl is not a pickle") << "garbagepkl"
                                                  << "corrupt checkpoint pickle";
    }
    void brokenZipRecords() {
        QFETCH(QString, variant);
        QFETCH(QString, expected);
        const FakeCheckpoint ck = oneTensor("FloatStorage", bytesOfValues<float>({1, 2, 3}), 3, {3});
        std::string pkl = pickleCheckpoint(ck, false);
        std::map<std::string, std::string> storages = ck.storages;
        std::map<std::string, std::string> extra;
        QTemporaryDir dir;
        const std::string path = dir.filePath("z.pt").toStdString();
        if (variant == "nopkl")
            extra["data.pkl"] =
                "\x01"
                "DELETE";
        if (variant == "nostorage") storages.clear();
        if (variant == "short") storages["0"] = bytesOfValues<float>({1, 2});
        if (variant == "long") storages["0"] = bytesOfValues<float>({1, 2, 3, 4});
        if (variant == "byteorder") extra["byteorder"] = "middle";
        if (variant == "garbagepkl") pkl = "\x80\x02this is not a pickle";
        if (variant == "twopkl") {
            // two top-level folders, each with a data.pkl
            writeZip(path, pkl, storages, "",
                     {{"data.pkl",
                       "\x01"
                       "DELETE"},
                      {"a/data.pkl", pkl},
                      {"b/data.pkl", pkl}});
        } else {
            writeZip(path, pkl, storages, "archive", extra);
        }
        const QString message = errorOfRead(path);
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void corruptStorageBytesFailTheCrc() {
        // Same sizes, one flipped bit inside a stored (uncompressed) storage record.
        FakeCheckpoint ck;
        ck.withArgs = false;
        addFloatTensor(ck, "a", {64, 64}, 5);
        QTemporaryDir dir;
        const std::string path = dir.filePath("crc.pt").toStdString();
        writeZipCheckpoint(path, ck);
        std::string bytes = readFile(path);
        const size_t at = bytes.find(ck.storages["0"].substr(0, 64));
        QVERIFY(at != std::string::npos);
        bytes[at + 1000] = static_cast<char>(bytes[at + 1000] ^ 0x10);
        writeFile(path, bytes);
        const QString message = errorOfRead(path);
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": ") && message.contains("CRC"),
                 qPrintable(message));
    }

    void corruptLegacyStorageCounts_data() {
        QTest::addColumn<int64_t>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("count larger than the file") << (int64_t(1) << 40) << "file ends sooner";
        QTest::newRow("negative count") << int64_t(-1) << "file ends sooner";
        QTest::newRow("count differs from the pickle") << int64_t(2) << "holds 2 elements but the pickle declares 3";
    }
    void corruptLegacyStorageCounts() {
        QFETCH(int64_t, count);
        QFETCH(QString, expected);
        const FakeCheckpoint ck = oneTensor("FloatStorage", bytesOfValues<float>({1, 2, 3}), 3, {3});
        std::string bytes = legacyBytes(ck);
        std::memcpy(bytes.data() + bytes.size() - 12 - 8, &count, 8);  // the one block's count field
        QTemporaryDir dir;
        const std::string path = dir.filePath("l.pt").toStdString();
        writeFile(path, bytes);
        const QString message = errorOfRead(path);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void stateDictValueThatIsNotATensor() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("notensor.pt").toStdString();
        PickleWriter w;
        w.proto(2).emptyDict().str("model").emptyDict().str("x").integer(5).setItem().setItem().stop();
        writeZip(path, w.bytes(), {});
        const QString message = errorOfRead(path);
        QVERIFY2(message.contains("'model' entry 'x' is a int, not a tensor"), qPrintable(message));
    }

    void directoryAndMissingFile() {
        QTemporaryDir dir;
        QVERIFY(errorOfRead(dir.path().toStdString()).contains(dir.path()));
        QVERIFY(errorOfRead(dir.filePath("absent.pt").toStdString()).contains("cannot open"));
        writeFile(dir.filePath("empty.pt").toStdString(), "");
        QVERIFY(errorOfRead(dir.filePath("empty.pt").toStdString()).contains("not a PyTorch checkpoint"));
    }
};

QTEST_APPLESS_MAIN(TestTorchContainer)
#include "test_torch_container.moc"
