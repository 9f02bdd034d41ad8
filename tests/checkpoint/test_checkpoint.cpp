// loadCheckpoint end to end: golden models against MANIFEST.json, zip vs legacy, float16
// values against the raw bytes, the tied matrix, args/key/shape validation errors,
// resolveModelPath, and load time.
#include <zip.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>

#include "checkpoint/checkpoint.hpp"
#include "checkpoint/expected_parameters.hpp"
#include "checkpoint/key_mapping.hpp"
#include "checkpoint/torch_file.hpp"
#include "common/error.hpp"
#include "error_message.hpp"
#include "test_paths.hpp"
#include "torch_writer.hpp"

using namespace axs::test;

Q_DECLARE_METATYPE(std::string)

namespace {

std::string ref(const QString& rel) { return dataFile("reference/" + rel); }

QJsonObject manifest() {
    QFile f(dataPath("reference/MANIFEST.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<int64_t> shapeOf(const QJsonValue& v) {
    std::vector<int64_t> s;
    for (const QJsonValue& d : v.toArray()) s.push_back(d.toInteger());
    return s;
}

QString errorOfLoad(const std::string& path) {
    return axs::test::errorMessageOf([&] { axs::loadCheckpoint(path); });
}

float referenceHalf(uint16_t h) {
    const int sign = (h >> 15) ? -1 : 1;
    const int exponent = (h >> 10) & 31;
    const int mantissa = h & 1023;
    if (exponent == 0) return static_cast<float>(sign * std::ldexp(mantissa, -24));
    if (exponent == 31) return mantissa ? std::nanf("") : sign * INFINITY;
    return static_cast<float>(sign * std::ldexp(1024 + mantissa, exponent - 25));
}

std::string zipEntry(const std::string& path, const std::string& name) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) return {};
    zip_stat_t st;
    std::string out;
    if (zip_stat(z, name.c_str(), 0, &st) == 0) {
        out.resize(st.size);
        zip_file_t* f = zip_fopen(z, name.c_str(), 0);
        if (f) {
            zip_fread(f, out.data(), st.size);
            zip_fclose(f);
        }
    }
    zip_discard(z);
    return out;
}

struct EnvGuard {  // sets an environment variable for one test, restores it after
    EnvGuard(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~EnvGuard() {
        if (old_.empty())
            unsetenv(name_);
        else
            setenv(name_, old_.c_str(), 1);
    }
    const char* name_;
    std::string old_;
};

}  // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private slots:
    void goldenModels_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("container");
        const QJsonObject models = manifest()["models"].toObject();
        QVERIFY(models.size() == 4);
        for (auto it = models.begin(); it != models.end(); ++it) {
            const QJsonObject files = it.value().toObject()["files"].toObject();
            for (const QString& kind : files.keys())
                QTest::newRow(qPrintable(it.key() + " " + kind))
                    << it.key() << files[kind].toObject()["checkpoint"].toString() << kind;
        }
    }
    void goldenModels() {
        QFETCH(QString, model);
        QFETCH(QString, file);
        QFETCH(QString, container);
        const QJsonObject m = manifest()["models"].toObject()[model].toObject();
        const QJsonObject hp = m["hyperparameters"].toObject();
        const axs::Checkpoint ck = axs::loadCheckpoint(ref(file));

        QCOMPARE(ck.args.arch, std::string("msa_transformer"));
        QCOMPARE(ck.args.layers, hp["layers"].toInt());
        QCOMPARE(ck.args.embedDim, hp["embed_dim"].toInt());
        QCOMPARE(ck.args.attentionHeads, hp["attention_heads"].toInt());
        QCOMPARE(ck.args.ffnEmbedDim, hp["ffn_embed_dim"].toInt());
        QCOMPARE(ck.args.maxPositions, hp["max_positions"].toInt());
        QCOMPARE(ck.args.embedPositionsMsa, hp["embed_positions_msa"].toBool());
        const QJsonObject stored = m["args_stored"].toObject();
        QCOMPARE(ck.args.maxTokens, int64_t(stored["max_tokens"].toInteger()));
        QCOMPARE(ck.args.maxTokensPerMsa.has_value(), stored.contains("max_tokens_per_msa"));
        QCOMPARE(QString::fromStdString(ck.container), container);
        QCOMPARE(QString::fromStdString(ck.storedDtype), m["storage_dtype"].toString());
        QCOMPARE(QString::fromStdString(ck.regressionPath),
                 QString::fromStdString(ref(m["files"].toObject()[container].toObject()["regression"].toString())));

        // Every stored key, converted, with its manifest shape; nothing more, nothing less.
        std::map<std::string, std::vector<int64_t>> expected;
        const QJsonObject sd = m["state_dict"].toObject();
        for (auto it = sd.begin(); it != sd.end(); ++it) {
            const std::string mapsTo = it.value().toObject()["maps_to"].toString().toStdString();
            QCOMPARE(axs::convertStoredKey(it.key().toStdString()), mapsTo);
            expected[mapsTo] = shapeOf(it.value().toObject()["shape"]);
        }
        const QJsonObject reg = m["regression_state_dict"].toObject();
        for (auto it = reg.begin(); it != reg.end(); ++it)
            expected[it.key().toStdString()] = shapeOf(it.value().toObject()["shape"]);
        QCOMPARE(ck.weights.size(), expected.size());
        int64_t parameters = 0;
        for (const auto& [name, shape] : expected) {
            const auto w = ck.weights.find(name);
            QVERIFY2(w != ck.weights.end(), name.c_str());
            QVERIFY2(w->second.shape == shape, name.c_str());
            QCOMPARE(w->second.size(), axs::TensorF::numel(shape));
            if (name != "lm_head.weight") parameters += static_cast<int64_t>(w->second.size());
        }
        QCOMPARE(ck.parameterCount(), parameters);
        QVERIFY(ck.hasContactHead());
        const auto& msaShape = hp["msa_position_embedding_shape"];
        QCOMPARE(ck.rowEmbeddingWidth(), msaShape.isNull() ? 0 : static_cast<int>(shapeOf(msaShape).back()));
        // Tied LM matrix; weights are non-trivial (the golden init has no zeros).
        QCOMPARE(ck.weights.at("embed_tokens.weight").data, ck.weights.at("lm_head.weight").data);
        for (const auto& [name, t] : ck.weights) {
            QVERIFY2(std::all_of(t.data.begin(), t.data.end(), [](float v) { return std::isfinite(v); }), name.c_str());
            QVERIFY2(t.size() < 2 || std::any_of(t.data.begin(), t.data.end(), [&](float v) { return v != t.data[0]; }),
                     name.c_str());
        }
    }

    void zipAndLegacyCheckpointsAreBitIdentical() {
        const axs::Checkpoint zip = axs::loadCheckpoint(ref("models/msa_t2_e128_h2.pt"));
        const axs::Checkpoint legacy = axs::loadCheckpoint(ref("models/msa_t2_e128_h2_legacy.pt"));
        QCOMPARE(legacy.container, std::string("legacy"));
        QCOMPARE(legacy.weights.size(), zip.weights.size());
        for (const auto& [name, t] : zip.weights) {
            const axs::TensorF& other = legacy.weights.at(name);
            QCOMPARE(other.shape, t.shape);
            QVERIFY2(std::memcmp(other.ptr(), t.ptr(), t.size() * sizeof(float)) == 0, name.c_str());
        }
    }

    void float16WeightsEqualTheirRawBits() {
        // Independent path: raw storage bytes from the zip via libzip, converted here.
        const std::string path = ref("models/msa_t4_e96_h6_fp16.pt");
        const axs::Checkpoint ck = axs::loadCheckpoint(path);
        const axs::TorchFile file = axs::openTorchFile(path);
        size_t checked = 0;
        for (const auto& [stored, value] : axs::tensorDict(file, "model")) {
            const axs::pickle::TensorRef& t = *value->tensor;
            QCOMPARE(t.storage->storage->dtype, axs::StorageDtype::Float16);
            const std::string raw = zipEntry(path, "msa_t4_e96_h6_fp16/data/" + t.storage->storage->key);
            const axs::TensorF& w = ck.weights.at(axs::convertStoredKey(stored));
            QCOMPARE(raw.size(), w.size() * 2 + static_cast<size_t>(t.offset) * 2);  // contiguous, own storage
            for (size_t i = 0; i < w.size(); ++i) {
                uint16_t h;
                std::memcpy(&h, raw.data() + 2 * (static_cast<size_t>(t.offset) + i), 2);
                if (std::bit_cast<uint32_t>(w.data[i]) != std::bit_cast<uint32_t>(referenceHalf(h)))
                    QFAIL(qPrintable(QString::fromStdString(stored) + " element " + QString::number(i)));
            }
            ++checked;
        }
        QCOMPARE(checked, size_t(117));
    }

    void lmHeadWinsForTheTiedMatrix() {
        const SyntheticModel m;
        FakeCheckpoint ck = syntheticModel(m, 7);
        for (auto& [name, t] : ck.model)
            if (name == "encoder.lm_head.weight") {  // give lm_head a storage of its own
                t.storageKey = "lm";
                std::string bytes = ck.storages["tied"];
                for (char& c : bytes) c = static_cast<char>(c ^ 0x01);
                ck.storages["lm"] = bytes;
            }
        QTemporaryDir dir;
        const std::string path = dir.filePath("untied.pt").toStdString();
        writeZipCheckpoint(path, ck);
        const axs::Checkpoint loaded = axs::loadCheckpoint(path);
        const axs::TensorF& lm = loaded.weights.at("lm_head.weight");
        QCOMPARE(loaded.weights.at("embed_tokens.weight").data, lm.data);
        QVERIFY(std::memcmp(lm.ptr(), ck.storages["lm"].data(), lm.size() * 4) == 0);
    }

    void withoutRegressionFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("msa_t2_e32_h4.pt").toStdString();
        std::filesystem::copy_file(ref("models/msa_t2_e32_h4.pt"), path);
        const axs::Checkpoint alone = axs::loadCheckpoint(path);
        const axs::Checkpoint pair = axs::loadCheckpoint(ref("models/msa_t2_e32_h4.pt"));
        QVERIFY(alone.regressionPath.empty());
        QVERIFY(!alone.hasContactHead());
        QCOMPARE(alone.parameterCount(), pair.parameterCount() - (2 * 4 + 1));
        QCOMPARE(alone.weights.at("layers.1.row_self_attention.layer.q_proj.weight").data,
                 pair.weights.at("layers.1.row_self_attention.layer.q_proj.weight").data);
        // A broken regression file beside the model is an error naming that file.
        writeFile(axs::regressionPathFor(path), "garbage");
        QVERIFY(errorOfLoad(path).startsWith(QString::fromStdString(axs::regressionPathFor(path)) + ": "));
    }

    void regressionValuesAreMerged() {
        const axs::Checkpoint ck = axs::loadCheckpoint(ref("models/msa_t2_e128_h2.pt"));
        const axs::TensorDictFile reg = axs::readTensorDict(ref("models/msa_t2_e128_h2-contact-regression.pt"));
        QCOMPARE(ck.weights.at("contact_head.regression.weight").data, reg.tensors[0].data);
        QCOMPARE(ck.weights.at("contact_head.regression.bias").data, reg.tensors[1].data);
    }

    void keyConversion_data() {
        QTest::addColumn<std::string>("stored");
        QTest::addColumn<std::string>("converted");
        const QJsonObject examples = manifest()["release_key_mapping"].toObject()["example"].toObject();
        QVERIFY(!examples.isEmpty());
        for (auto it = examples.begin(); it != examples.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key().toStdString() << it.value().toString().toStdString();
        QTest::newRow("regression key unchanged")
            << std::string("contact_head.regression.weight") << std::string("contact_head.regression.weight");
        QTest::newRow("encoder prefix only") << std::string("encoder.layers.2.row_self_attention.layer_norm.bias")
                                             << std::string("layers.2.column_self_attention.layer_norm.bias");
        QTest::newRow("both names: row wins") << std::string("row_column") << std::string("column_column");
    }
    void keyConversion() {
        QFETCH(std::string, stored);
        QFETCH(std::string, converted);
        QCOMPARE(axs::convertStoredKey(stored), converted);
    }

    void argNames_data() {
        QTest::addColumn<std::string>("stored");
        QTest::addColumn<std::string>("converted");
        QTest::newRow("layers") << std::string("encoder_layers") << std::string("layers");
        QTest::newRow("ffn") << std::string("encoder_ffn_embed_dim") << std::string("ffn_embed_dim");
        QTest::newRow("kept") << std::string("max_positions") << std::string("max_positions");
        QTest::newRow("encoder without underscore") << std::string("encoderlayers") << std::string("");
    }
    void argNames() {
        QFETCH(std::string, stored);
        QFETCH(std::string, converted);
        QCOMPARE(axs::convertArgName(stored), converted);
    }

    void officialSizeParameterCount() {
        axs::ModelArgs a;
        a.layers = 12;
        a.embedDim = 768;
        a.attentionHeads = 12;
        a.ffnEmbedDim = 3072;
        a.maxPositions = 1024;
        a.embedPositionsMsa = true;
        int64_t n = 0;
        for (const auto& p : axs::expectedParameters(a, 768))
            if (p.name != "lm_head.weight") n += static_cast<int64_t>(axs::TensorF::numel(p.shape));
        QCOMPARE(n, int64_t(115616434));  // spec §3
    }

    void invalidCheckpoints_data() {
        using Edit = std::function<void(FakeCheckpoint&)>;
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<QString>("expected");
        auto setArg = [](const std::string& name, ArgValue v) {
            return Edit([name, v](FakeCheckpoint& ck) {
                for (auto& [k, old] : ck.args)
                    if (k == name) old = v;
            });
        };
        auto dropArg = [](const std::string& name) {
            return Edit(
                [name](FakeCheckpoint& ck) { std::erase_if(ck.args, [&](const auto& a) { return a.first == name; }); });
        };
        auto dropKey = [](const std::string& name) {
            return Edit([name](FakeCheckpoint& ck) {
                std::erase_if(ck.model, [&](const auto& t) { return t.first == name; });
            });
        };
        auto reshape = [](const std::string& name, std::vector<int64_t> shape) {
            return Edit([name, shape](FakeCheckpoint& ck) {
                for (auto& [k, t] : ck.model)
                    if (k == name) t.size = shape;
            });
        };
        const std::string se = "encoder.sentence_encoder.";
        QTest::newRow("wrong arch") << setArg("arch", std::string("roberta_large"))
                                    << "architecture 'roberta_large' is not supported";
        QTest::newRow("missing encoder_layers")
            << dropArg("encoder_layers") << "lack the required field 'encoder_layers'";
        QTest::newRow("missing max_tokens") << dropArg("max_tokens") << "lack the required field 'max_tokens'";
        QTest::newRow("missing dropout") << dropArg("dropout") << "lack the required field 'dropout'";
        QTest::newRow("layers is a string")
            << setArg("encoder_layers", std::string("2")) << "'encoder_layers' is a str (expected an integer)";
        QTest::newRow("zero heads") << setArg("encoder_attention_heads", int64_t{0}) << "out of range";
        QTest::newRow("heads do not divide D") << setArg("encoder_attention_heads", int64_t{3}) << "not divisible";
        QTest::newRow("no args at all") << Edit([](FakeCheckpoint& ck) { ck.withArgs = false; })
                                        << "has no 'args' entry";
        QTest::newRow("missing key")
            << dropKey(se + "layers.0.feed_forward_layer.layer.fc2.bias")
            << "missing parameter(s) in the state dict: layers.0.feed_forward_layer.layer.fc2.bias";
        QTest::newRow("missing row embedding") << dropKey(se + "msa_position_embedding") << "msa_position_embedding";
        QTest::newRow("unexpected key") << Edit([](FakeCheckpoint& ck) {
            addFloatTensor(ck, "encoder.sentence_encoder.extra.weight", {3}, 1);
        }) << "unexpected key 'encoder.sentence_encoder.extra.weight' (extra.weight)";
        QTest::newRow("row embedding without embed_positions_msa")
            << setArg("embed_positions_msa", false)
            << "unexpected key 'encoder.sentence_encoder.msa_position_embedding'";
        QTest::newRow("duplicate after conversion") << Edit([](FakeCheckpoint& ck) {
            addFloatTensor(ck, "encoder.lm_head.dense.bias", {8}, 1);
            ck.model.back().first = "encoder.sentence_encoder.lm_head.dense.bias";
        }) << "both map to 'lm_head.dense.bias'";
        QTest::newRow("wrong shape names file, key, expected and found")
            << reshape(se + "layers.0.column_self_attention.layer.q_proj.weight", {8, 4})
            << "key 'encoder.sentence_encoder.layers.0.column_self_attention.layer.q_proj.weight' "
               "(layers.0.row_self_attention.layer.q_proj.weight): expected shape (8 x 8), found (8 x 4)";
        QTest::newRow("wrong rank") << reshape(se + "emb_layer_norm_after.bias", {1, 8})
                                    << "expected shape (8), found (1 x 8)";
        QTest::newRow("positions table too small")
            << reshape(se + "embed_positions.weight", {10, 8}) << "expected shape (12 x 8), found (10 x 8)";
        QTest::newRow("row embedding of width 4") << Edit([se](FakeCheckpoint& ck) {
            for (auto& [k, t] : ck.model)
                if (k == se + "msa_position_embedding") {
                    t.size = {1, 1024, 1, 4};
                    t.storageNumel = 4096;
                }
        }) << "expected shape (1 x 1024 x 1 x 8) or (1 x 1024 x 1 x 1), found (1 x 1024 x 1 x 4)";
    }
    void invalidCheckpoints() {
        using Edit = std::function<void(FakeCheckpoint&)>;
        QFETCH(Edit, edit);
        QFETCH(QString, expected);
        SyntheticModel m;
        FakeCheckpoint ck = syntheticModel(m, 11);
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.pt").toStdString();
        writeZipCheckpoint(path, ck);
        writeZipCheckpoint(axs::regressionPathFor(path), syntheticRegression(m, 5));
        QVERIFY2(errorOfLoad(path).isEmpty(), qPrintable(errorOfLoad(path)));  // the unedited model is valid
        edit(ck);
        writeZipCheckpoint(path, ck);
        const QString message = errorOfLoad(path);
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void hostileExtraEntries_data() {
        // A valid model whose pickle gains one more outer entry ("extra_state") holding
        // the payload; written in both containers by the test itself.
        QTest::addColumn<std::string>("payload");
        QTest::addColumn<QString>("expected");  // empty: loads (inert data is skipped)
        QTest::newRow("posix.system")
            << PickleWriter().global("posix", "system").mark().str("touch /tmp/pwned").tuple().reduce().bytes()
            << "refuses to load: the pickle calls posix.system (not allowed)";
        QTest::newRow("builtins.eval")
            << PickleWriter().global("builtins", "eval").mark().str("1+1").tuple().reduce().bytes()
            << "refuses to load: the pickle calls builtins.eval (not allowed)";
        QTest::newRow("deep nesting") << std::string(50000, '(') << "nested too deeply";
        QTest::newRow("huge memo index") << PickleWriter().get(0xffffffffu).bytes()
                                         << "memo entry 4294967295 is not defined";
        QTest::newRow("unknown opcode") << std::string("\xfe") << "unsupported pickle opcode";
        QTest::newRow("numpy scalar (inert, skipped)") << PickleWriter()
                                                              .global("numpy.core.multiarray", "scalar")
                                                              .global("numpy", "dtype")
                                                              .mark()
                                                              .str("f8")
                                                              .boolean(false)
                                                              .boolean(true)
                                                              .tuple()
                                                              .reduce()
                                                              .op('C')
                                                              .op(8)
                                                              .raw(std::string(8, '\0'))
                                                              .op(0x86)
                                                              .reduce()
                                                              .bytes()
                                                       << "";
    }
    void hostileExtraEntries() {
        QFETCH(std::string, payload);
        QFETCH(QString, expected);
        const SyntheticModel m;
        const FakeCheckpoint ck = syntheticModel(m, 21);
        QTemporaryDir dir;
        for (const bool legacy : {false, true}) {
            const std::string path = dir.filePath(legacy ? "legacy.pt" : "zip.pt").toStdString();
            std::string pkl = pickleCheckpoint(ck, legacy);
            QVERIFY(pkl.substr(pkl.size() - 2) == "u.");  // ...the outer dict's SETITEMS, STOP
            pkl = pkl.substr(0, pkl.size() - 2) + PickleWriter().str("extra_state").bytes() + payload + "u.";
            if (legacy) {
                const std::string original = legacyBytes(ck);
                const std::string object = pickleCheckpoint(ck, true);
                const size_t at = original.find(object);
                QVERIFY(at != std::string::npos);
                writeFile(path, original.substr(0, at) + pkl + original.substr(at + object.size()));
            } else {
                writeZip(path, pkl, ck.storages);
            }
            const QString message = errorOfLoad(path);
            if (expected.isEmpty()) {
                QVERIFY2(message.isEmpty(), qPrintable(message));
            } else {
                QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
                QVERIFY2(message.contains(expected), qPrintable(message));
            }
        }
    }

    void regressionFileProblemsNameIt() {
        SyntheticModel m;
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.pt").toStdString();
        writeLegacyCheckpoint(path, syntheticModel(m, 3));
        FakeCheckpoint reg = syntheticRegression(m, 5);
        reg.model[0].second.size = {1, 3};  // L*H = 2
        reg.model[0].second.storageNumel = 3;
        reg.storages[reg.model[0].second.storageKey] += std::string(4, '\0');
        writeZipCheckpoint(axs::regressionPathFor(path), reg);
        const QString message = errorOfLoad(path);
        QVERIFY2(message.startsWith(QString::fromStdString(axs::regressionPathFor(path)) +
                                    ": key 'contact_head.regression.weight': "
                                    "expected shape (1 x 2), found (1 x 3)"),
                 qPrintable(message));
    }

    void resolveModelPath() {
        QTemporaryDir dir;
        const std::string model = ref("models/msa_t2_e32_h4.pt");
        QCOMPARE(axs::resolveModelPath(model), model);
        const std::string hub = dir.filePath("torch/hub/checkpoints").toStdString();
        std::filesystem::create_directories(hub);
        std::filesystem::copy_file(model, hub + "/esm_msa1b_t12_100M_UR50S.pt");
        {
            EnvGuard torchHome("TORCH_HOME", dir.filePath("torch").toStdString());
            QCOMPARE(axs::resolveModelPath("esm_msa1b_t12_100M_UR50S"), hub + "/esm_msa1b_t12_100M_UR50S.pt");
            QCOMPARE(axs::resolveModelPath("esm_msa1b_t12_100M_UR50S.pt"), hub + "/esm_msa1b_t12_100M_UR50S.pt");
        }
        {
            EnvGuard torchHome("TORCH_HOME", dir.filePath("nowhere").toStdString());
            EnvGuard home("HOME", dir.filePath("home").toStdString());
            try {
                axs::resolveModelPath("esm_msa1b_t12_100M_UR50S");
                QFAIL("expected an error");
            } catch (const axs::Error& e) {
                const QString message = e.what();
                QVERIFY2(message.contains(dir.filePath("nowhere/hub/checkpoints/esm_msa1b_t12_100M_UR50S.pt")),
                         qPrintable(message));
                QVERIFY2(
                    message.contains(dir.filePath("home/.cache/torch/hub/checkpoints/esm_msa1b_t12_100M_UR50S.pt")),
                    qPrintable(message));
            }
        }
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::resolveModelPath(dir.path().toStdString()));
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::resolveModelPath(dir.filePath("missing.pt").toStdString()));
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::resolveModelPath(""));
        QCOMPARE(axs::regressionPathFor("/a/b/model.pt"), std::string("/a/b/model-contact-regression.pt"));
    }
};

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
