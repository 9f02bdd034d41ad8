// Deterministic mutation fuzzing: damaged pickles and containers must end in success or
// an axs::Error, never a crash, hang or another exception type.
#include <zip.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <random>

#include "checkpoint/checkpoint.hpp"
#include "checkpoint/checkpoint_builder.hpp"
#include "checkpoint/pickle_reader.hpp"
#include "checkpoint/torch_file.hpp"
#include "checkpoint/torch_persistent.hpp"
#include "common/error.hpp"
#include "test_paths.hpp"
#include "torch_writer.hpp"

using namespace axs::test;

namespace {

// Storages of one archive, served from memory so each fuzz case costs no I/O.
class MemoryStorages : public axs::StorageReader {
public:
    explicit MemoryStorages(const std::map<std::string, std::string>& records) : records_(records) {}
    uint64_t byteSize(const std::string& key) override { return record(key).size(); }
    void read(const std::string& key, uint64_t offset, uint64_t size, void* dst) override {
        const std::string& r = record(key);
        if (offset > r.size() || size > r.size() - offset) throw axs::Error("fuzz.pt: short storage " + key);
        std::memcpy(dst, r.data() + offset, size);
    }

private:
    const std::string& record(const std::string& key) const {
        const auto it = records_.find(key);
        if (it == records_.end()) throw axs::Error("fuzz.pt: no storage " + key);
        return it->second;
    }
    const std::map<std::string, std::string>& records_;
};

// Reads every entry of a zip archive: name -> bytes.
std::map<std::string, std::string> zipEntries(const std::string& path) {
    std::map<std::string, std::string> out;
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) return out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
        std::string data(st.size, '\0');
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        zip_fread(f, data.data(), st.size);
        zip_fclose(f);
        out[st.name] = data;
    }
    zip_discard(z);
    return out;
}

// 1 to 4 random edits: overwrite with a random or "interesting" byte, delete or
// duplicate a short range, or truncate.
std::string mutate(std::string s, std::mt19937& rng) {
    static const unsigned char interesting[] = {0x00, 0x01, 0x7f, 0x80, 0xff, '(', ')', '.', 'R',  'b',  'c',  'h',
                                                'j',  'q',  'r',  't',  'u',  's', 'X', 'Q', 0x81, 0x8a, 0x93, 0x95};
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
        const size_t at = rng() % s.size();
        switch (rng() % 6) {
            case 0:
            case 1:
                s[at] = static_cast<char>(rng() & 0xff);
                break;
            case 2:
                s[at] = static_cast<char>(interesting[rng() % sizeof(interesting)]);
                break;
            case 3:
                s.erase(at, 1 + rng() % 8);
                break;
            case 4:
                s.insert(at, s.substr(at, 1 + rng() % 16));
                break;
            case 5:
                s.resize(at);
                break;
        }
    }
    return s;
}

struct Outcome {
    int ok = 0;
    int errors = 0;
};

}  // namespace

class TestCheckpointFuzz : public QObject {
    Q_OBJECT
private slots:
    void mutatedGoldenPickle() {
        // The full interpretation (pickle, args, keys, shapes, tensor loading) of 2000
        // mutations of the golden msa_t2_e128_h2 data.pkl, with its real storages.
        const std::map<std::string, std::string> entries = zipEntries(dataFile("reference/models/msa_t2_e128_h2.pt"));
        const std::string pkl = entries.at("msa_t2_e128_h2/data.pkl");
        std::map<std::string, std::string> storages;
        for (const auto& [name, bytes] : entries)
            if (name.rfind("msa_t2_e128_h2/data/", 0) == 0) storages[name.substr(20)] = bytes;
        QVERIFY(storages.size() > 60);

        auto attempt = [&](const std::string& bytes, Outcome& outcome) {
            try {
                axs::TorchFile file;
                file.path = "fuzz.pt";
                const axs::pickle::PersistentLoader loader = [](axs::pickle::PickleDocument& doc,
                                                                const axs::pickle::PyValue& pid) {
                    return axs::makeStorageValue(doc, pid, "fuzz.pt");
                };
                file.object = axs::pickle::readPickle(reinterpret_cast<const unsigned char*>(bytes.data()),
                                                      bytes.size(), "fuzz.pt", loader);
                file.storages = std::make_unique<MemoryStorages>(storages);
                const axs::Checkpoint ck = axs::buildCheckpoint(file, nullptr);
                QVERIFY(!ck.weights.empty());
                ++outcome.ok;
            } catch (const axs::Error& e) {
                QVERIFY2(QString(e.what()).startsWith("fuzz.pt: "), e.what());
                ++outcome.errors;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("unexpected exception type: ") + e.what()));
            }
        };
        Outcome unmodified;
        attempt(pkl, unmodified);
        QCOMPARE(unmodified.ok, 1);  // the harness itself loads the real thing

        std::mt19937 rng(20240601);
        Outcome outcome;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 2000; ++i) attempt(mutate(pkl, rng), outcome);
        qInfo("2000 mutated pickles: %d loaded, %d rejected with axs::Error, %lld ms", outcome.ok, outcome.errors,
              static_cast<long long>(timer.elapsed()));
        QCOMPARE(outcome.ok + outcome.errors, 2000);
        QVERIFY(outcome.errors > 1000);  // most mutations must be caught
    }

    void mutatedContainers() {
        // Whole-file mutations of small real files in both containers, read from disk
        // through libzip / the legacy reader.
        QTemporaryDir dir;
        SyntheticModel m;
        m.maxPositions = 4;
        m.rowEmbeddingWidth = 1;
        const std::string smallLegacy = legacyBytes(syntheticModel(m, 3));
        const std::string smallZipPath = dir.filePath("small_zip.pt").toStdString();
        writeZipCheckpoint(smallZipPath, syntheticModel(m, 3));
        const std::vector<std::pair<const char*, std::string>> seeds = {
            {"official msa1b regression (zip)",
             readFile(dataFile("reference/official_samples/esm_msa1b_t12_100M_UR50S-contact-regression.pt"))},
            {"official esm1b regression (legacy)",
             readFile(dataFile("reference/official_samples/esm1b_t33_650M_UR50S-contact-regression.pt"))},
            {"small synthetic model (legacy)", smallLegacy},
            {"small synthetic model (zip)", readFile(smallZipPath)},
        };
        std::mt19937 rng(77);
        const std::string path = dir.filePath("fuzz.pt").toStdString();
        for (const auto& [label, original] : seeds) {
            Outcome outcome;
            for (int i = 0; i < 200; ++i) {
                writeFile(path, mutate(original, rng));
                try {
                    axs::sniffTorchContainer(path);
                    const axs::TorchFile file = axs::openTorchFile(path);
                    const axs::pickle::PyValue* root = file.object.root;
                    if (root->kind == axs::pickle::PyKind::Dict && root->find("args"))
                        axs::loadCheckpoint(path);
                    else
                        axs::readTensorDict(path);
                    ++outcome.ok;
                } catch (const axs::Error& e) {
                    QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path)), e.what());
                    ++outcome.errors;
                } catch (const std::exception& e) {
                    QFAIL(qPrintable(QString(label) + ": unexpected exception type: " + e.what()));
                }
            }
            qInfo("%s: 200 mutations, %d loaded, %d rejected", label, outcome.ok, outcome.errors);
            QVERIFY(outcome.errors > 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestCheckpointFuzz)
#include "test_checkpoint_fuzz.moc"
