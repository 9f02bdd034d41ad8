// Test helper: writes torch.save-style files (pickle protocol 2, zip or legacy container)
// from scratch, so tests can build valid, subtly broken and hostile checkpoints without
// Python. Also builds complete synthetic MSA Transformer state dicts of any size.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace axs::test {

/// Emits pickle opcodes. Methods append and return *this.
class PickleWriter {
public:
    PickleWriter& proto(int version = 2);
    PickleWriter& op(unsigned char code);
    PickleWriter& raw(const std::string& bytes);
    PickleWriter& u32(uint32_t v);
    PickleWriter& u64(uint64_t v);
    PickleWriter& integer(int64_t v);         ///< BININT1 / BININT2 / BININT / LONG1
    PickleWriter& real(double v);             ///< BINFLOAT
    PickleWriter& str(const std::string& s);  ///< BINUNICODE
    PickleWriter& boolean(bool b);
    PickleWriter& none();
    PickleWriter& global(const std::string& module, const std::string& name);  ///< GLOBAL
    PickleWriter& mark();
    PickleWriter& tuple();  ///< TUPLE (from MARK)
    PickleWriter& emptyTuple();
    PickleWriter& emptyDict();
    PickleWriter& emptyList();
    PickleWriter& setItem();
    PickleWriter& setItems();  ///< from MARK
    PickleWriter& append();
    PickleWriter& reduce();
    PickleWriter& newObj();
    PickleWriter& build();
    PickleWriter& binPersId();
    PickleWriter& put(uint32_t index);  ///< BINPUT / LONG_BINPUT
    PickleWriter& get(uint32_t index);  ///< BINGET / LONG_BINGET
    PickleWriter& stop();
    const std::string& bytes() const { return out_; }

private:
    std::string out_;
};

using ArgValue = std::variant<int64_t, double, std::string, bool, std::nullptr_t>;

struct FakeTensor {
    std::string storageKey;
    std::string storageClass = "FloatStorage";
    std::string location = "cpu";
    int64_t storageNumel = 0;
    int64_t offset = 0;
    std::vector<int64_t> size;
    std::vector<int64_t> stride;  ///< empty: contiguous
};

/// A torch.save'd dict {"args": Namespace(**args), "model": {name: tensor}, extra...}.
struct FakeCheckpoint {
    bool withArgs = true;
    std::vector<std::pair<std::string, ArgValue>> args;
    std::vector<std::pair<std::string, FakeTensor>> model;
    std::map<std::string, std::string> storages;  ///< key -> raw little-endian bytes
    bool orderedDict = false;                     ///< model as collections.OrderedDict
};

/// The object pickle (data.pkl); `legacyIds` gives 6-element persistent ids.
std::string pickleCheckpoint(const FakeCheckpoint& ck, bool legacyIds);

/// Writes a zip container: <folder>/data.pkl, <folder>/data/<key>, <folder>/version.
/// `extra` entries (name relative to the folder -> bytes) are added or override; an
/// entry mapped to the string "\x01" "DELETE" is left out. An empty folder writes the
/// names as given (for archives with unusual layouts).
void writeZip(const std::string& path, const std::string& dataPkl, const std::map<std::string, std::string>& storages,
              const std::string& folder = "archive", const std::map<std::string, std::string>& extra = {},
              bool compress = false);
void writeZipCheckpoint(const std::string& path, const FakeCheckpoint& ck, const std::string& folder = "archive");

/// Writes the legacy container (magic, protocol, sys info, object, keys, raw blocks).
std::string legacyBytes(const FakeCheckpoint& ck);
void writeLegacyCheckpoint(const std::string& path, const FakeCheckpoint& ck);

void writeFile(const std::string& path, const std::string& bytes);
std::string readFile(const std::string& path);

/// Adds a float32 tensor with its own storage, values filled by a deterministic generator.
void addFloatTensor(FakeCheckpoint& ck, const std::string& name, const std::vector<int64_t>& shape, uint32_t seed);

struct SyntheticModel {
    int layers = 1, embedDim = 8, heads = 2, ffnDim = 16, maxPositions = 10;
    int rowEmbeddingWidth = 8;  ///< 0: no MSA row embedding
};
/// A complete, valid model checkpoint in the released layout (stored names, row/column
/// swapped, "encoder.sentence_encoder." / "encoder." prefixes, tied LM matrix sharing one
/// storage with the token embedding), float32 values from `seed`.
FakeCheckpoint syntheticModel(const SyntheticModel& m, uint32_t seed);
/// Its regression file {"model": {contact_head.regression.weight 1 x (L*H), .bias 1}}.
FakeCheckpoint syntheticRegression(const SyntheticModel& m, uint32_t seed);

}  // namespace axs::test
