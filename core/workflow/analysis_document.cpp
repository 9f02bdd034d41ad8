#include "workflow/analysis_document.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa/tokenizer.hpp"
#include "workflow/file_digest.hpp"

namespace axs {

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

const char* const kFormatName = "axialscope-analysis";

// ---------------------------------------------------------------- names and layout

/// The file a run's output is stored in: predict's names for the first run, "run<k>_" before
/// them for the others.
std::string runFile(size_t runIndex, const std::string& name) {
    return (runIndex == 0 ? std::string() : "run" + std::to_string(runIndex + 1) + "_") + name + ".npy";
}

std::string precisionName(Precision p) { return p == Precision::Bf16 ? "bf16" : "fp32"; }

json shapeJson(const std::vector<int64_t>& shape) {
    json a = json::array();
    for (int64_t d : shape) a.push_back(d);
    return a;
}

json arrayEntry(const std::string& file, const std::string& dtype, const std::vector<int64_t>& shape) {
    return json{{"file", file}, {"dtype", dtype}, {"shape", shapeJson(shape)}};
}

json identityJson(const ModelIdentity& id) {
    return json{
        {"label", id.label}, {"file", id.fileName}, {"sha256", id.sha256}, {"random_weights", id.randomWeights}};
}

/// The run's non-empty outputs, by predict's names.
std::vector<std::pair<std::string, const void*>> runTensors(const ModelRun& run) {
    std::vector<std::pair<std::string, const void*>> out;
    if (run.tokens.size()) out.emplace_back("tokens", &run.tokens);
    if (run.logits.size()) out.emplace_back("logits", &run.logits);
    for (const auto& [k, t] : run.representations) out.emplace_back("repr_layer" + std::to_string(k), &t);
    if (run.rowAttentions.size()) out.emplace_back("row_attentions", &run.rowAttentions);
    if (run.contacts.size()) out.emplace_back("contacts", &run.contacts);
    return out;
}

json runJson(const ModelRun& run, size_t index, const std::vector<AnalysisExtraOutput>& extra) {
    json outputs = json::object();
    for (const auto& [name, tensor] : runTensors(run)) {
        if (name == "tokens") {
            outputs[name] = arrayEntry(runFile(index, name), "int64", run.tokens.shape);
        } else {
            outputs[name] = arrayEntry(runFile(index, name), "float32", static_cast<const TensorF*>(tensor)->shape);
        }
    }
    for (const AnalysisExtraOutput& e : extra) outputs[e.name] = arrayEntry(runFile(index, e.name), e.dtype, e.shape);
    json kept = json::array();
    for (size_t r : run.keptRows) kept.push_back(r);
    json weights = json::array();
    for (float w : run.regressionWeights) weights.push_back(w);
    return json{
        {"model", identityJson(run.model)},
        {"rows",
         {{"max_rows", run.selection.maxRows}, {"mode", subsampleModeName(run.selection.mode)}, {"kept", kept}}},
        {"precision", precisionName(run.precision)},
        {"seconds", run.seconds},
        {"regression_weights", weights},
        {"outputs", outputs}};
}

json viewJson(const AnalysisViewState& v) {
    json rows = json::array();
    for (int r : v.selectedRows) rows.push_back(r);
    return json{{"tab", v.tab},
                {"attention_tab", v.attentionTab},
                {"layer", v.layer},
                {"head", v.head},
                {"row_attention_mode", v.rowAttentionMode},
                {"include_cls", v.includeCls},
                {"attention_colours", v.attentionColours},
                {"log_colours", v.logColours},
                {"msa_colour_scheme", v.msaColourScheme},
                {"msa_zoom", v.msaZoom},
                {"selected_column", v.selectedColumn},
                {"selected_rows", rows},
                {"contact_range", v.contactRange},
                {"contact_fraction", v.contactFraction},
                {"contact_threshold", v.contactThreshold},
                {"contact_lower", v.contactLower},
                {"contact_colours", v.contactColours},
                {"heads_range", v.headsRange},
                {"heads_fraction", v.headsFraction},
                {"pair", json::array({v.pairI, v.pairJ})}};
}

/// Where the manifest records the inputs.
struct InputFiles {
    std::string alignment, alignmentSha;
    std::string structure, structureSha;
};

std::string manifestText(const AnalysisDocument& doc, const InputFiles& inputs,
                         const std::vector<AnalysisExtraOutput>& extraOutputs) {
    if (!doc.alignment) throw Error("an analysis needs an alignment");
    const Msa& msa = *doc.alignment;
    json m;
    m["format"] = kFormatName;
    m["version"] = kAnalysisFormatVersion;
    m["created_by"] = doc.createdBy;
    m["alignment"] = {{"file", inputs.alignment}, {"sha256", inputs.alignmentSha}, {"format", msa.format},
                      {"rows", msa.depth()},      {"columns", msa.width()},        {"query_row", doc.queryRow}};
    if (doc.structure)
        m["structure"] = {{"file", inputs.structure},
                          {"sha256", inputs.structureSha},
                          {"chain", doc.chainId},
                          {"chain_chosen", doc.chainChosen}};
    else
        m["structure"] = nullptr;
    m["model"] = doc.model ? identityJson(*doc.model) : json(nullptr);
    m["runs"] = json::array();
    for (size_t k = 0; k < doc.runs.size(); ++k)
        m["runs"].push_back(runJson(*doc.runs[k], k, k == 0 ? extraOutputs : std::vector<AnalysisExtraOutput>{}));
    m["coevolution"] = json::array();
    for (size_t k = 0; k < doc.coevolution.size(); ++k) {
        const CoevolutionRun& c = *doc.coevolution[k];
        m["coevolution"].push_back({{"method", coevolutionMethodId(c.method)},
                                    {"summary", c.summary},
                                    {"seconds", c.seconds},
                                    {"scores", arrayEntry("coevolution_" + std::to_string(k + 1) + "_" +
                                                              coevolutionMethodId(c.method) + ".npy",
                                                          "float32", c.scores.shape)}});
    }
    m["comparisons"] = json::array();
    for (size_t k = 0; k < doc.comparisons.size(); ++k)
        m["comparisons"].push_back({{"label", doc.comparisons[k].label},
                                    {"scores", arrayEntry("comparison_" + std::to_string(k + 1) + ".npy", "float32",
                                                          doc.comparisons[k].scores.shape)}});
    m["view"] = viewJson(doc.view);
    return m.dump(2) + "\n";
}

/// `target` relative to `dir` where possible (so the folder can move with its inputs).
std::string relativeTo(const fs::path& target, const fs::path& dir) {
    std::error_code ec;
    const fs::path rel = fs::relative(fs::absolute(target), fs::absolute(dir), ec);
    return ec || rel.empty() ? fs::absolute(target).string() : rel.string();
}

// ---------------------------------------------------------------- reading

/// Typed access to the manifest with messages that say where the problem is.
class Manifest {
public:
    explicit Manifest(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& what) const { failFile(path_, what); }

    const json& member(const json& object, const char* key, const std::string& where) const {
        if (!object.is_object()) fail(where + " must be an object");
        const auto it = object.find(key);
        if (it == object.end()) fail(where + " has no '" + key + "'");
        return *it;
    }
    const json* optional(const json& object, const char* key) const {
        const auto it = object.find(key);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }
    std::string string(const json& v, const std::string& where) const {
        if (!v.is_string()) fail(where + " must be a string");
        return v.get<std::string>();
    }
    int64_t integer(const json& v, const std::string& where, int64_t min, int64_t max) const {
        if (!v.is_number_integer()) fail(where + " must be a whole number");
        const int64_t n =
            v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX) ? INT64_MAX : v.get<int64_t>();
        if (n < min || n > max)
            fail(where + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                 std::to_string(n));
        return n;
    }
    double number(const json& v, const std::string& where) const {
        if (!v.is_number()) fail(where + " must be a number");
        const double d = v.get<double>();
        if (!std::isfinite(d)) fail(where + " must be a finite number");
        return d;
    }
    bool boolean(const json& v, const std::string& where) const {
        if (!v.is_boolean()) fail(where + " must be true or false");
        return v.get<bool>();
    }
    const json& array(const json& v, const std::string& where) const {
        if (!v.is_array()) fail(where + " must be a list");
        return v;
    }
    std::vector<int64_t> shape(const json& v, const std::string& where) const {
        std::vector<int64_t> s;
        for (size_t k = 0; k < array(v, where).size(); ++k)
            s.push_back(integer(v[k], where + "[" + std::to_string(k) + "]", 0, int64_t{1} << 40));
        if (s.empty() || s.size() > 8) fail(where + " must list 1 to 8 dimensions");
        return s;
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string s = "(";
    for (size_t k = 0; k < shape.size(); ++k) s += (k ? ", " : "") + std::to_string(shape[k]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

ModelIdentity readIdentity(const Manifest& m, const json& v, const std::string& where) {
    ModelIdentity id;
    id.label = m.string(m.member(v, "label", where), where + ".label");
    id.fileName = m.string(m.member(v, "file", where), where + ".file");
    id.sha256 = m.string(m.member(v, "sha256", where), where + ".sha256");
    if (!id.sha256.empty() &&
        (id.sha256.size() != 64 || id.sha256.find_first_not_of("0123456789abcdef") != std::string::npos))
        m.fail(where + ".sha256 must be 64 lower-case hex digits or empty");
    id.randomWeights = m.boolean(m.member(v, "random_weights", where), where + ".random_weights");
    return id;
}

/// A file the manifest names, resolved beside it; it must exist.
fs::path resolveFile(const Manifest& m, const fs::path& dir, const std::string& file, const std::string& where) {
    if (file.empty()) m.fail(where + " is empty");
    const fs::path p = fs::path(file).is_absolute() ? fs::path(file) : (dir / file).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) m.fail(where + ": the file " + p.string() + " is missing");
    return p;
}

void checkDigest(const Manifest& m, const fs::path& file, const json& entry, const std::string& where) {
    const std::string expected = m.string(m.member(entry, "sha256", where), where + ".sha256");
    if (expected.empty()) return;
    if (expected.size() != 64 || expected.find_first_not_of("0123456789abcdef") != std::string::npos)
        m.fail(where + ".sha256 must be 64 lower-case hex digits or empty");
    if (sha256OfFile(file.string()) != expected)
        m.fail(where + ": " + file.string() + " has changed since the analysis was saved (its SHA-256 differs)");
}

/// An array the manifest lists: its file read and its shape checked against both the
/// manifest's entry and `expected` (-1 = any extent).
struct ArrayEntry {
    fs::path file;
    std::vector<int64_t> shape;
    std::string dtype;
};

ArrayEntry readEntry(const Manifest& m, const fs::path& dir, const json& v, const std::string& where) {
    ArrayEntry e;
    e.file = resolveFile(m, dir, m.string(m.member(v, "file", where), where + ".file"), where + ".file");
    e.shape = m.shape(m.member(v, "shape", where), where + ".shape");
    e.dtype = m.string(m.member(v, "dtype", where), where + ".dtype");
    if (e.dtype != "float32" && e.dtype != "int64") m.fail(where + ".dtype must be float32 or int64");
    return e;
}

void checkShape(const Manifest& m, const std::vector<int64_t>& actual, const std::vector<int64_t>& expected,
                const std::string& what) {
    bool ok = actual.size() == expected.size();
    for (size_t k = 0; ok && k < actual.size(); ++k) ok = expected[k] < 0 || actual[k] == expected[k];
    if (!ok) {
        std::string want = "(";
        for (size_t k = 0; k < expected.size(); ++k)
            want += (k ? ", " : "") + (expected[k] < 0 ? std::string("*") : std::to_string(expected[k]));
        m.fail(what + " has shape " + shapeText(actual) + ", but the alignment needs " + want +
               (expected.size() == 1 ? ",)" : ")"));
    }
}

TensorF loadFloat(const Manifest& m, const ArrayEntry& e, const std::vector<int64_t>& expected,
                  const std::string& what) {
    if (e.dtype != "float32") m.fail(what + " must be float32");
    checkShape(m, e.shape, expected, what + " (manifest)");
    TensorF t = readNpyFloat(e.file.string());
    if (t.shape != e.shape)
        failFile(e.file.string(),
                 "holds shape " + shapeText(t.shape) + " but the manifest " + m.path() + " says " + shapeText(e.shape));
    return t;
}

/// A listed output that is not loaded: it must exist and its size must be the .npy
/// preamble (magic, version, header length) + header + the data its shape needs.
void checkUnloaded(const Manifest& m, const ArrayEntry& e, const std::string& what) {
    size_t values = 1;
    for (int64_t d : e.shape) {
        if (d > 0 && values > (size_t{1} << 50) / static_cast<size_t>(d)) m.fail(what + " has an absurd shape");
        values *= static_cast<size_t>(d);
    }
    const size_t dataBytes = values * (e.dtype == "int64" ? 8 : 4);
    std::ifstream in(e.file, std::ios::binary);
    unsigned char head[12] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    size_t headerEnd = 0;
    if (in.gcount() == 12 && std::memcmp(head, "\x93NUMPY", 6) == 0)
        headerEnd =
            head[6] == 1
                ? 10 + (size_t(head[8]) | size_t(head[9]) << 8)
                : 12 + (size_t(head[8]) | size_t(head[9]) << 8 | size_t(head[10]) << 16 | size_t(head[11]) << 24);
    std::error_code ec;
    const auto size = static_cast<size_t>(fs::file_size(e.file, ec));
    if (headerEnd == 0 || ec || size != headerEnd + dataBytes)
        failFile(e.file.string(), "is not a .npy file whose size fits the shape " + shapeText(e.shape) +
                                      " the manifest " + m.path() + " gives");
}

std::shared_ptr<const ModelRun> readRun(const Manifest& m, const fs::path& dir, const json& v, size_t index,
                                        const Msa& opened) {
    const std::string where = "runs[" + std::to_string(index) + "]";
    auto run = std::make_shared<ModelRun>();
    run->model = readIdentity(m, m.member(v, "model", where), where + ".model");
    const json& rows = m.member(v, "rows", where);
    run->selection.maxRows = static_cast<size_t>(
        m.integer(m.member(rows, "max_rows", where + ".rows"), where + ".rows.max_rows", 0, int64_t{1} << 31));
    try {
        run->selection.mode =
            parseSubsampleMode(m.string(m.member(rows, "mode", where + ".rows"), where + ".rows.mode"), "mode");
    } catch (const Error& e) {
        m.fail(where + ".rows." + e.what());
    }
    const json& kept = m.array(m.member(rows, "kept", where + ".rows"), where + ".rows.kept");
    for (size_t k = 0; k < kept.size(); ++k) {
        const auto r = static_cast<size_t>(m.integer(kept[k], where + ".rows.kept[" + std::to_string(k) + "]", 0,
                                                     static_cast<int64_t>(opened.depth()) - 1));
        if (k == 0 ? r != 0 : r <= run->keptRows.back())
            m.fail(where + ".rows.kept must start with the query (0) and ascend");
        run->keptRows.push_back(r);
    }
    if (run->keptRows.empty()) m.fail(where + ".rows.kept is empty");
    run->openedRows = opened.depth();
    run->msa = keepRows(opened, run->keptRows);
    const std::string precision = m.string(m.member(v, "precision", where), where + ".precision");
    if (precision != "fp32" && precision != "bf16") m.fail(where + ".precision must be fp32 or bf16");
    run->precision = precision == "bf16" ? Precision::Bf16 : Precision::Fp32;
    run->seconds = m.number(m.member(v, "seconds", where), where + ".seconds");
    const json& weights = m.array(m.member(v, "regression_weights", where), where + ".regression_weights");
    for (size_t k = 0; k < weights.size(); ++k)
        run->regressionWeights.push_back(
            static_cast<float>(m.number(weights[k], where + ".regression_weights[" + std::to_string(k) + "]")));

    const auto R = static_cast<int64_t>(run->keptRows.size());
    const auto C = static_cast<int64_t>(opened.width()) + 1;
    const json& outputs = m.member(v, "outputs", where);
    if (!outputs.is_object()) m.fail(where + ".outputs must be an object");
    for (const auto& [name, entry] : outputs.items()) {
        const std::string what = where + ".outputs." + name;
        const ArrayEntry e = readEntry(m, dir, entry, what);
        if (name == "tokens") {
            if (e.dtype != "int64") m.fail(what + " must be int64");
            checkShape(m, e.shape, {1, R, C}, what + " (manifest)");
            run->tokens = readNpyInt64(e.file.string());
            if (run->tokens.shape != e.shape)
                failFile(e.file.string(), "holds shape " + shapeText(run->tokens.shape) + " but the manifest says " +
                                              shapeText(e.shape));
            if (run->tokens.data != tokenizeMsa(run->msa).data)
                failFile(e.file.string(),
                         "the tokens are not those of the rows " + m.path() + " says were kept from the alignment");
        } else if (name == "row_attentions") {
            run->rowAttentions = loadFloat(m, e, {1, -1, -1, C, C}, what);
            if (run->rowAttentions.shape[1] < 1 || run->rowAttentions.shape[2] < 1)
                m.fail(what + " has no layers or heads");
        } else if (name == "contacts") {
            run->contacts = loadFloat(m, e, {1, C - 1, C - 1}, what);
        } else if (name == "logits" || name == "col_attentions" || name.rfind("repr_layer", 0) == 0) {
            checkUnloaded(m, e, what);  // listed for other tools; the workbench does not show them
        } else {
            m.fail(what + " is not an output the program knows");
        }
    }
    if (run->tokens.size() == 0) m.fail(where + ".outputs has no tokens");
    if (run->rowAttentions.size() && !run->regressionWeights.empty() &&
        run->regressionWeights.size() != static_cast<size_t>(run->layers() * run->heads()))
        m.fail(where + ".regression_weights has " + std::to_string(run->regressionWeights.size()) + " entries for " +
               std::to_string(run->layers()) + " x " + std::to_string(run->heads()) + " heads");
    return run;
}

void readView(const Manifest& m, const json& v, AnalysisViewState& s) {
    const std::string w = "view";
    if (!v.is_object()) m.fail("view must be an object");
    auto str = [&](const char* key, std::string& out) {
        if (const json* x = m.optional(v, key)) out = m.string(*x, w + "." + key);
    };
    auto integer = [&](const char* key, int& out, int max) {
        if (const json* x = m.optional(v, key)) out = static_cast<int>(m.integer(*x, w + "." + key, -1, max));
    };
    auto number = [&](const char* key, double& out) {
        if (const json* x = m.optional(v, key)) out = m.number(*x, w + "." + key);
    };
    auto flag = [&](const char* key, bool& out) {
        if (const json* x = m.optional(v, key)) out = m.boolean(*x, w + "." + key);
    };
    constexpr int kMax = 1 << 30;
    str("tab", s.tab);
    str("attention_tab", s.attentionTab);
    integer("layer", s.layer, kMax);
    integer("head", s.head, kMax);
    str("row_attention_mode", s.rowAttentionMode);
    flag("include_cls", s.includeCls);
    str("attention_colours", s.attentionColours);
    flag("log_colours", s.logColours);
    str("msa_colour_scheme", s.msaColourScheme);
    integer("msa_zoom", s.msaZoom, 1000);
    integer("selected_column", s.selectedColumn, kMax);
    if (const json* rows = m.optional(v, "selected_rows"))
        for (size_t k = 0; k < m.array(*rows, "view.selected_rows").size(); ++k)
            s.selectedRows.push_back(
                static_cast<int>(m.integer((*rows)[k], "view.selected_rows[" + std::to_string(k) + "]", 0, kMax)));
    str("contact_range", s.contactRange);
    number("contact_fraction", s.contactFraction);
    number("contact_threshold", s.contactThreshold);
    integer("contact_lower", s.contactLower, kMax);
    str("contact_colours", s.contactColours);
    str("heads_range", s.headsRange);
    number("heads_fraction", s.headsFraction);
    if (const json* pair = m.optional(v, "pair")) {
        if (!pair->is_array() || pair->size() != 2) m.fail("view.pair must be a list of two positions");
        s.pairI = static_cast<int>(m.integer((*pair)[0], "view.pair[0]", -1, kMax));
        s.pairJ = static_cast<int>(m.integer((*pair)[1], "view.pair[1]", -1, kMax));
    }
}

fs::path manifestPathOf(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) ? fs::path(path) / kAnalysisManifestName : fs::path(path);
}

// ---------------------------------------------------------------- saving

std::atomic<int> saveCounter{0};

/// Copies `source` into `dir` under its own file name (or `fallback` when taken); returns the name.
std::string copyInput(const std::string& source, const fs::path& dir, const std::set<std::string>& taken,
                      const std::string& prefix) {
    std::string name = fs::path(source).filename().string();
    if (taken.count(name)) name = prefix + name;
    std::error_code ec;
    fs::copy_file(source, dir / name, fs::copy_options::overwrite_existing, ec);
    if (ec) failFile(source, "cannot be copied into the analysis: " + ec.message());
    return name;
}

}  // namespace

bool looksLikeAnalysis(const std::string& path) {
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_directory(p, ec)) return fs::is_regular_file(p / kAnalysisManifestName, ec);
    return p.filename() == kAnalysisManifestName && fs::is_regular_file(p, ec);
}

void writeAnalysisManifest(const std::string& dir, const AnalysisDocument& doc,
                           const std::vector<AnalysisExtraOutput>& extraOutputs) {
    if (!doc.alignment || doc.alignment->sourcePath.empty())
        failFile(dir, "an analysis needs an alignment read from a file");
    InputFiles inputs;
    inputs.alignment = relativeTo(doc.alignment->sourcePath, dir);
    inputs.alignmentSha = sha256OfFile(doc.alignment->sourcePath);
    if (doc.structure) {
        inputs.structure = relativeTo(doc.structure->sourcePath, dir);
        inputs.structureSha = sha256OfFile(doc.structure->sourcePath);
    }
    for (size_t k = 0; k < doc.runs.size(); ++k)
        for (const auto& [name, tensor] : runTensors(*doc.runs[k])) {
            std::error_code ec;
            if (!fs::is_regular_file(fs::path(dir) / runFile(k, name), ec))
                failFile(dir, "the manifest would list " + runFile(k, name) + ", which is not there");
        }
    writeFileAtomically((fs::path(dir) / kAnalysisManifestName).string(), manifestText(doc, inputs, extraOutputs));
}

void saveAnalysis(const std::string& dirPath, const AnalysisDocument& doc) {
    if (!doc.alignment || doc.alignment->sourcePath.empty())
        failFile(dirPath, "an analysis needs an alignment read from a file");
    const fs::path dir = fs::absolute(dirPath).lexically_normal();
    const fs::path target = dir.has_filename() ? dir : dir.parent_path();
    std::error_code ec;
    const bool exists = fs::exists(target, ec);
    if (exists) {
        if (!fs::is_directory(target, ec)) failFile(target.string(), "exists and is not a folder");
        if (!fs::is_empty(target, ec) && !fs::is_regular_file(target / kAnalysisManifestName, ec))
            failFile(target.string(),
                     "is a folder with other files; choose a new or empty folder, or a saved analysis to replace");
    }
    const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(saveCounter++);
    const fs::path staging = target.parent_path() / ("." + target.filename().string() + ".saving-" + tag);
    const fs::path old = target.parent_path() / ("." + target.filename().string() + ".replaced-" + tag);
    fs::create_directories(staging, ec);
    if (ec) failFile(target.string(), "cannot create a folder beside it: " + ec.message());
    try {
        InputFiles inputs;
        std::set<std::string> taken{kAnalysisManifestName};
        inputs.alignment = copyInput(doc.alignment->sourcePath, staging, taken, "alignment_");
        taken.insert(inputs.alignment);
        inputs.alignmentSha = sha256OfFile((staging / inputs.alignment).string());
        // The copy must still be what is shown: the file may have changed since it was opened.
        MsaReadOptions options;
        options.format = doc.alignment->format;
        if (readMsa((staging / inputs.alignment).string(), options).rows != doc.alignment->rows)
            failFile(doc.alignment->sourcePath, "has changed since it was opened; open it again before saving");
        if (doc.structure) {
            if (doc.structure->sourcePath.empty()) failFile(dirPath, "the structure was not read from a file");
            inputs.structure = copyInput(doc.structure->sourcePath, staging, taken, "structure_");
            inputs.structureSha = sha256OfFile((staging / inputs.structure).string());
        }
        for (size_t k = 0; k < doc.runs.size(); ++k) {
            const ModelRun& run = *doc.runs[k];
            writeNpy((staging / runFile(k, "tokens")).string(), run.tokens);
            for (const auto& [name, tensor] : runTensors(run))
                if (name != "tokens")
                    writeNpy((staging / runFile(k, name)).string(), *static_cast<const TensorF*>(tensor));
        }
        for (size_t k = 0; k < doc.coevolution.size(); ++k)
            writeNpy((staging / ("coevolution_" + std::to_string(k + 1) + "_" +
                                 coevolutionMethodId(doc.coevolution[k]->method) + ".npy"))
                         .string(),
                     doc.coevolution[k]->scores);
        for (size_t k = 0; k < doc.comparisons.size(); ++k)
            writeNpy((staging / ("comparison_" + std::to_string(k + 1) + ".npy")).string(), doc.comparisons[k].scores);
        writeFileAtomically((staging / kAnalysisManifestName).string(), manifestText(doc, inputs, {}));
        // Everything is written: swap the folder into place.
        if (exists) {
            fs::rename(target, old, ec);
            if (ec) failFile(target.string(), "cannot be replaced: " + ec.message());
        }
        fs::rename(staging, target, ec);
        if (ec) {
            if (exists) fs::rename(old, target, ec);
            failFile(target.string(), "cannot be written: " + ec.message());
        }
        if (exists) fs::remove_all(old, ec);
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
}

AnalysisDocument readAnalysis(const std::string& path) {
    const fs::path manifestPath = manifestPathOf(path);
    const fs::path dir = manifestPath.parent_path().empty() ? fs::path(".") : manifestPath.parent_path();
    const Manifest m(manifestPath.string());
    std::error_code ec;
    if (!fs::is_regular_file(manifestPath, ec))
        failFile(path, std::string("is not a saved analysis (no ") + kAnalysisManifestName + ")");
    if (fs::file_size(manifestPath, ec) > (uintmax_t{64} << 20)) m.fail("the manifest is larger than 64 MiB");
    const std::string text = readFileBytes(manifestPath.string());
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        m.fail(std::string("not valid JSON: ") + e.what());
    }
    if (!root.is_object()) m.fail("the manifest must be a JSON object");
    if (m.string(m.member(root, "format", "the manifest"), "format") != kFormatName)
        m.fail(std::string("format must be '") + kFormatName + "'");
    const int64_t version = m.integer(m.member(root, "version", "the manifest"), "version", 1, 1 << 20);
    if (version != kAnalysisFormatVersion)
        m.fail("version " + std::to_string(version) + " is not supported (this program reads version " +
               std::to_string(kAnalysisFormatVersion) + ")");

    AnalysisDocument doc;
    if (const json* by = m.optional(root, "created_by")) doc.createdBy = m.string(*by, "created_by");

    // The alignment, checked against the manifest before anything refers to its rows.
    const json& a = m.member(root, "alignment", "the manifest");
    const fs::path msaFile =
        resolveFile(m, dir, m.string(m.member(a, "file", "alignment"), "alignment.file"), "alignment.file");
    checkDigest(m, msaFile, a, "alignment");
    MsaReadOptions options;
    options.format = m.string(m.member(a, "format", "alignment"), "alignment.format");
    auto file = std::make_shared<Msa>(readMsa(msaFile.string(), options));
    const auto rows = m.integer(m.member(a, "rows", "alignment"), "alignment.rows", 1, int64_t{1} << 40);
    const auto columns = m.integer(m.member(a, "columns", "alignment"), "alignment.columns", 1, int64_t{1} << 40);
    if (static_cast<size_t>(rows) != file->depth() || static_cast<size_t>(columns) != file->width())
        failFile(msaFile.string(), "has " + std::to_string(file->depth()) + " x " + std::to_string(file->width()) +
                                       " rows x columns, but the manifest " + m.path() + " says " +
                                       std::to_string(rows) + " x " + std::to_string(columns));
    doc.queryRow =
        static_cast<size_t>(m.integer(m.member(a, "query_row", "alignment"), "alignment.query_row", 0, rows - 1));
    doc.alignment = file;
    const Msa opened = doc.queryRow ? withQueryFirst(*file, doc.queryRow) : *file;
    const int64_t T = columns;

    if (const json* s = m.optional(root, "structure")) {
        const fs::path structureFile =
            resolveFile(m, dir, m.string(m.member(*s, "file", "structure"), "structure.file"), "structure.file");
        checkDigest(m, structureFile, *s, "structure");
        auto structure = std::make_shared<ProteinStructure>(readStructure(structureFile.string()));
        doc.chainId = m.string(m.member(*s, "chain", "structure"), "structure.chain");
        doc.chainChosen = m.boolean(m.member(*s, "chain_chosen", "structure"), "structure.chain_chosen");
        if (doc.chainChosen) structure->chain(doc.chainId);  // names the file and its chains if unknown
        doc.structure = structure;
    }
    if (const json* model = m.optional(root, "model")) doc.model = readIdentity(m, *model, "model");

    const json& runs = m.array(m.member(root, "runs", "the manifest"), "runs");
    for (size_t k = 0; k < runs.size(); ++k) doc.runs.push_back(readRun(m, dir, runs[k], k, opened));

    const json& coevolution = m.array(m.member(root, "coevolution", "the manifest"), "coevolution");
    for (size_t k = 0; k < coevolution.size(); ++k) {
        const std::string where = "coevolution[" + std::to_string(k) + "]";
        auto c = std::make_shared<CoevolutionRun>();
        try {
            c->method = parseCoevolutionMethod(m.string(m.member(coevolution[k], "method", where), where + ".method"),
                                               "method");
        } catch (const Error& e) {
            m.fail(where + "." + e.what());
        }
        c->summary = m.string(m.member(coevolution[k], "summary", where), where + ".summary");
        c->seconds = m.number(m.member(coevolution[k], "seconds", where), where + ".seconds");
        c->scores = loadFloat(m, readEntry(m, dir, m.member(coevolution[k], "scores", where), where + ".scores"),
                              {T, T}, where + ".scores");
        c->query = opened.query();
        c->sourcePath = file->sourcePath;
        doc.coevolution.push_back(c);
    }
    const json& comparisons = m.array(m.member(root, "comparisons", "the manifest"), "comparisons");
    for (size_t k = 0; k < comparisons.size(); ++k) {
        const std::string where = "comparisons[" + std::to_string(k) + "]";
        AnalysisComparison c;
        c.label = m.string(m.member(comparisons[k], "label", where), where + ".label");
        c.scores = loadFloat(m, readEntry(m, dir, m.member(comparisons[k], "scores", where), where + ".scores"), {T, T},
                             where + ".scores");
        doc.comparisons.push_back(std::move(c));
    }
    if (const json* view = m.optional(root, "view")) readView(m, *view, doc.view);
    return doc;
}

}  // namespace axs
