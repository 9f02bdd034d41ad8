#include "torch_writer.hpp"

#include <zip.h>

#include <cstring>
#include <deque>
#include <fstream>
#include <stdexcept>

namespace axs::test {

// ---- PickleWriter ---------------------------------------------------------------------

PickleWriter& PickleWriter::proto(int version) {
    out_ += '\x80';
    out_ += static_cast<char>(version);
    return *this;
}
PickleWriter& PickleWriter::op(unsigned char code) {
    out_ += static_cast<char>(code);
    return *this;
}
PickleWriter& PickleWriter::raw(const std::string& bytes) {
    out_ += bytes;
    return *this;
}
PickleWriter& PickleWriter::u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
    return *this;
}
PickleWriter& PickleWriter::u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
    return *this;
}
PickleWriter& PickleWriter::integer(int64_t v) {
    if (v >= 0 && v < 256) {
        op('K').op(static_cast<unsigned char>(v));
    } else if (v >= 0 && v < 65536) {
        op('M').op(static_cast<unsigned char>(v & 0xff)).op(static_cast<unsigned char>(v >> 8));
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
        op('J').u32(static_cast<uint32_t>(static_cast<int32_t>(v)));
    } else {
        op(0x8a).op(8).u64(static_cast<uint64_t>(v));  // LONG1, 8 bytes two's complement
    }
    return *this;
}
PickleWriter& PickleWriter::real(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    op('G');
    for (int i = 7; i >= 0; --i) out_ += static_cast<char>((bits >> (8 * i)) & 0xff);  // big-endian
    return *this;
}
PickleWriter& PickleWriter::str(const std::string& s) {
    op('X').u32(static_cast<uint32_t>(s.size()));
    out_ += s;
    return *this;
}
PickleWriter& PickleWriter::boolean(bool b) { return op(b ? 0x88 : 0x89); }
PickleWriter& PickleWriter::none() { return op('N'); }
PickleWriter& PickleWriter::global(const std::string& module, const std::string& name) {
    op('c');
    out_ += module + "\n" + name + "\n";
    return *this;
}
PickleWriter& PickleWriter::mark() { return op('('); }
PickleWriter& PickleWriter::tuple() { return op('t'); }
PickleWriter& PickleWriter::emptyTuple() { return op(')'); }
PickleWriter& PickleWriter::emptyDict() { return op('}'); }
PickleWriter& PickleWriter::emptyList() { return op(']'); }
PickleWriter& PickleWriter::setItem() { return op('s'); }
PickleWriter& PickleWriter::setItems() { return op('u'); }
PickleWriter& PickleWriter::append() { return op('a'); }
PickleWriter& PickleWriter::reduce() { return op('R'); }
PickleWriter& PickleWriter::newObj() { return op(0x81); }
PickleWriter& PickleWriter::build() { return op('b'); }
PickleWriter& PickleWriter::binPersId() { return op('Q'); }
PickleWriter& PickleWriter::put(uint32_t index) {
    if (index < 256) return op('q').op(static_cast<unsigned char>(index));
    return op('r').u32(index);
}
PickleWriter& PickleWriter::get(uint32_t index) {
    if (index < 256) return op('h').op(static_cast<unsigned char>(index));
    return op('j').u32(index);
}
PickleWriter& PickleWriter::stop() { return op('.'); }

// ---- checkpoints ----------------------------------------------------------------------

namespace {

size_t elementSizeOf(const std::string& storageClass) {
    if (storageClass == "DoubleStorage" || storageClass == "LongStorage") return 8;
    if (storageClass == "HalfStorage" || storageClass == "BFloat16Storage" || storageClass == "ShortStorage") return 2;
    if (storageClass == "ByteStorage" || storageClass == "CharStorage" || storageClass == "BoolStorage") return 1;
    return 4;
}

void writeArg(PickleWriter& w, const ArgValue& v) {
    if (const auto* i = std::get_if<int64_t>(&v))
        w.integer(*i);
    else if (const auto* d = std::get_if<double>(&v))
        w.real(*d);
    else if (const auto* s = std::get_if<std::string>(&v))
        w.str(*s);
    else if (const auto* b = std::get_if<bool>(&v))
        w.boolean(*b);
    else
        w.none();
}

void writeTensor(PickleWriter& w, const FakeTensor& t, bool legacyIds) {
    w.global("torch._utils", "_rebuild_tensor_v2").mark();
    w.mark().str("storage").global("torch", t.storageClass).str(t.storageKey).str(t.location).integer(t.storageNumel);
    if (legacyIds) w.none();
    w.tuple().binPersId();
    w.integer(t.offset);
    w.mark();
    for (int64_t s : t.size) w.integer(s);
    w.tuple().mark();
    if (t.stride.empty()) {
        std::vector<int64_t> stride(t.size.size(), 1);
        for (size_t d = t.size.size(); d-- > 1;) stride[d - 1] = stride[d] * t.size[d];
        for (int64_t s : stride) w.integer(s);
    } else {
        for (int64_t s : t.stride) w.integer(s);
    }
    w.tuple().boolean(false).global("collections", "OrderedDict").emptyTuple().reduce();
    w.tuple().reduce();
}

uint32_t nextRandom(uint32_t& state) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

std::string randomFloats(size_t n, uint32_t seed) {
    uint32_t state = seed * 2654435761u + 12345u;
    std::string bytes(n * 4, '\0');
    for (size_t i = 0; i < n; ++i) {
        const float v = static_cast<float>(static_cast<int32_t>(nextRandom(state) >> 8) - (1 << 23)) / float(1 << 23);
        std::memcpy(bytes.data() + 4 * i, &v, 4);
    }
    return bytes;
}

int64_t product(const std::vector<int64_t>& shape) {
    int64_t n = 1;
    for (int64_t s : shape) n *= s;
    return n;
}

}  // namespace

std::string pickleCheckpoint(const FakeCheckpoint& ck, bool legacyIds) {
    PickleWriter w;
    w.proto(2).emptyDict().mark();
    if (ck.withArgs) {
        w.str("args").global("argparse", "Namespace").emptyTuple().newObj().emptyDict().mark();
        for (const auto& [k, v] : ck.args) {
            w.str(k);
            writeArg(w, v);
        }
        w.setItems().build();
    }
    w.str("model");
    if (ck.orderedDict)
        w.global("collections", "OrderedDict").emptyTuple().reduce();
    else
        w.emptyDict();
    w.mark();
    for (const auto& [name, t] : ck.model) {
        w.str(name);
        writeTensor(w, t, legacyIds);
    }
    w.setItems().setItems().stop();
    return w.bytes();
}

void writeZip(const std::string& path, const std::string& dataPkl, const std::map<std::string, std::string>& storages,
              const std::string& folder, const std::map<std::string, std::string>& extra, bool compress) {
    std::map<std::string, std::string> entries;
    entries["data.pkl"] = dataPkl;
    for (const auto& [k, v] : storages) entries["data/" + k] = v;
    entries["version"] = "3\n";
    for (const auto& [k, v] : extra) entries[k] = v;

    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) throw std::runtime_error("cannot create zip " + path);
    for (const auto& [name, data] : entries) {
        if (data ==
            "\x01"
            "DELETE")
            continue;
        zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
        const std::string fullName = folder.empty() ? name : folder + "/" + name;
        const zip_int64_t index = zip_file_add(z, fullName.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) throw std::runtime_error("cannot add zip entry " + name);
        zip_set_file_compression(z, static_cast<zip_uint64_t>(index), compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) throw std::runtime_error("cannot write zip " + path);  // buffers are read here
}

void writeZipCheckpoint(const std::string& path, const FakeCheckpoint& ck, const std::string& folder) {
    writeZip(path, pickleCheckpoint(ck, false), ck.storages, folder);
}

std::string legacyBytes(const FakeCheckpoint& ck) {
    PickleWriter header;
    header.proto(2).op(0x8a).op(10).raw(std::string("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 10)).stop();
    header.proto(2).integer(1001).stop();
    header.proto(2).emptyDict().mark().str("protocol_version").integer(1001).str("little_endian").boolean(true);
    header.str("type_sizes").emptyDict().mark().str("short").integer(2).str("int").integer(4).str("long").integer(4);
    header.setItems().setItems().stop();
    std::string out = header.bytes() + pickleCheckpoint(ck, true);

    std::map<std::string, size_t> esize;
    for (const auto& [name, t] : ck.model) esize[t.storageKey] = elementSizeOf(t.storageClass);
    PickleWriter keys;
    keys.proto(2).emptyList().mark();
    for (const auto& [k, bytes] : ck.storages) keys.str(k);  // std::map order = sorted as strings
    keys.op('e').stop();
    out += keys.bytes();
    for (const auto& [k, bytes] : ck.storages) {
        const size_t es = esize.count(k) ? esize[k] : 4;
        PickleWriter count;
        count.u64(bytes.size() / es);
        out += count.bytes() + bytes;
    }
    return out;
}

void writeLegacyCheckpoint(const std::string& path, const FakeCheckpoint& ck) { writeFile(path, legacyBytes(ck)); }

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void addFloatTensor(FakeCheckpoint& ck, const std::string& name, const std::vector<int64_t>& shape, uint32_t seed) {
    const std::string key = std::to_string(ck.storages.size());
    FakeTensor t;
    t.storageKey = key;
    t.storageNumel = product(shape);
    t.size = shape;
    ck.storages[key] = randomFloats(static_cast<size_t>(t.storageNumel), seed);
    ck.model.emplace_back(name, t);
}

FakeCheckpoint syntheticModel(const SyntheticModel& m, uint32_t seed) {
    FakeCheckpoint ck;
    ck.args = {{"arch", std::string("msa_transformer")},
               {"encoder_layers", int64_t{m.layers}},
               {"encoder_embed_dim", int64_t{m.embedDim}},
               {"encoder_ffn_embed_dim", int64_t{m.ffnDim}},
               {"encoder_attention_heads", int64_t{m.heads}},
               {"dropout", 0.1},
               {"attention_dropout", 0.1},
               {"activation_dropout", 0.1},
               {"max_positions", int64_t{m.maxPositions}},
               {"max_tokens", int64_t{16384}},
               {"max_tokens_per_msa", int64_t{16384}},
               {"embed_positions_msa", m.rowEmbeddingWidth > 0}};
    const int64_t D = m.embedDim, F = m.ffnDim;
    uint32_t s = seed;
    auto add = [&](const std::string& name, std::vector<int64_t> shape) { addFloatTensor(ck, name, shape, ++s); };
    const std::string se = "encoder.sentence_encoder.";
    // The tied LM matrix: one storage, two names.
    FakeTensor tied;
    tied.storageKey = "tied";
    tied.storageNumel = 33 * D;
    tied.size = {33, D};
    ck.storages["tied"] = randomFloats(static_cast<size_t>(33 * D), ++s);
    ck.model.emplace_back(se + "embed_tokens.weight", tied);
    add(se + "embed_positions.weight", {m.maxPositions + 2, D});
    if (m.rowEmbeddingWidth > 0) add(se + "msa_position_embedding", {1, 1024, 1, m.rowEmbeddingWidth});
    for (const char* ln : {"emb_layer_norm_before", "emb_layer_norm_after"}) {
        add(se + ln + ".weight", {D});
        add(se + ln + ".bias", {D});
    }
    for (int n = 0; n < m.layers; ++n) {
        const std::string layer = se + "layers." + std::to_string(n) + ".";
        // Stored names are swapped: the file's "column" block is the model's row block.
        for (const char* block : {"column_self_attention", "row_self_attention"}) {
            add(layer + block + ".layer_norm.weight", {D});
            add(layer + block + ".layer_norm.bias", {D});
            for (const char* proj : {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                add(layer + block + ".layer." + proj + ".weight", {D, D});
                add(layer + block + ".layer." + proj + ".bias", {D});
            }
        }
        add(layer + "feed_forward_layer.layer_norm.weight", {D});
        add(layer + "feed_forward_layer.layer_norm.bias", {D});
        add(layer + "feed_forward_layer.layer.fc1.weight", {F, D});
        add(layer + "feed_forward_layer.layer.fc1.bias", {F});
        add(layer + "feed_forward_layer.layer.fc2.weight", {D, F});
        add(layer + "feed_forward_layer.layer.fc2.bias", {D});
    }
    add("encoder.lm_head.dense.weight", {D, D});
    add("encoder.lm_head.dense.bias", {D});
    add("encoder.lm_head.layer_norm.weight", {D});
    add("encoder.lm_head.layer_norm.bias", {D});
    ck.model.emplace_back("encoder.lm_head.weight", tied);
    add("encoder.lm_head.bias", {33});
    return ck;
}

FakeCheckpoint syntheticRegression(const SyntheticModel& m, uint32_t seed) {
    FakeCheckpoint ck;
    ck.withArgs = false;
    addFloatTensor(ck, "contact_head.regression.weight", {1, int64_t{m.layers} * m.heads}, seed);
    addFloatTensor(ck, "contact_head.regression.bias", {1}, seed + 1);
    return ck;
}

}  // namespace axs::test
