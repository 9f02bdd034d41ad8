// A saved analysis: one folder that holds everything an analysis needs to be shown again
// without running anything — the alignment and its query row, the structure and chain,
// the model's identity, every run's outputs, coevolution results, comparisons and the state
// of the views. `axialscope-cli predict --out DIR` writes the same manifest beside its
// outputs, so `axialscope DIR` opens a batch result.
//
// Layout (docs/saved-analysis.md has the full format):
//   DIR/analysis.json      the manifest (JSON, "format": "axialscope-analysis", "version": 1)
//   DIR/tokens.npy, row_attentions.npy, contacts.npy, ...   a run's outputs, as predict names them
//   DIR/coevolution_<method>.npy, comparison_<k>.npy         T x T float32
//   the alignment and structure: copied into DIR by the workbench, referenced by predict;
//   every path in the manifest is relative to DIR.
//
// Reading checks everything before anything is used: the manifest's fields and types, the
// files' presence, SHA-256 of the inputs, every array's shape against the alignment, and
// the run's tokens against the rows it says it kept. Any problem is an axs::Error naming
// the manifest (or the file) and what is wrong. Writing never leaves a half-written analysis.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/tensor.hpp"
#include "msa/msa.hpp"
#include "structure/structure.hpp"
#include "workflow/coevolution_run.hpp"
#include "workflow/model_run.hpp"

namespace axs {

inline constexpr const char* kAnalysisManifestName = "analysis.json";
inline constexpr int kAnalysisFormatVersion = 1;

/// How the views looked, as plain values (the workbench maps names to its own types and
/// ignores names it does not know). -1 / "" = not recorded.
struct AnalysisViewState {
    std::string tab;                ///< "alignment", "attention", "contacts", "heads"
    std::string attentionTab;       ///< "overview", "row", "column"
    int layer = -1, head = -1;      ///< attention explorer, 0-based
    std::string rowAttentionMode;   ///< "raw", "symmetrized", "apc"
    bool includeCls = false;        ///< row attention raw map with <cls>
    std::string attentionColours;   ///< colour map name ("viridis", ...)
    bool logColours = false;        ///< logarithmic attention colours
    std::string msaColourScheme;    ///< "clustalx", ...
    int msaZoom = -1;               ///< zoom level index of the alignment grid
    int selectedColumn = -1;        ///< alignment column, 0-based
    std::vector<int> selectedRows;  ///< alignment rows as shown (query first), 0-based
    std::string contactRange;       ///< "local", "short", "medium", "long", "all"
    double contactFraction = 1.0;   ///< top floor(f * L) marked; <= 0: threshold
    double contactThreshold = 0.5;  ///< score threshold when contactFraction <= 0
    int contactLower = 0;           ///< lower triangle: 0 truth, k comparison k
    std::string contactColours;     ///< colour map name of the contact map
    std::string headsRange;         ///< "local", "short", "medium", "long"
    double headsFraction = 1.0;     ///< 1, 0.5, 0.2
    int pairI = -1, pairJ = -1;     ///< selected residue pair (query positions, 0-based)
};

/// A prediction imported for comparison, T x T float32.
struct AnalysisComparison {
    std::string label;
    TensorF scores;
};

struct AnalysisDocument {
    std::string createdBy;  ///< "axialscope 0.1.0", "axialscope-cli 0.1.0"
    /// The alignment as read from its file (file row order) and the row that is the query.
    std::shared_ptr<const Msa> alignment;
    size_t queryRow = 0;
    /// The structure (optional) and the chain chosen by the user ("" with chainChosen
    /// false = the structure's default chain).
    std::shared_ptr<const ProteinStructure> structure;
    std::string chainId;
    bool chainChosen = false;
    /// The model chosen when the analysis was saved (the runs carry their own identity).
    std::optional<ModelIdentity> model;
    /// Runs on the alignment with the query row first; the last is the one shown.
    std::vector<std::shared_ptr<const ModelRun>> runs;
    std::vector<std::shared_ptr<const CoevolutionRun>> coevolution;
    std::vector<AnalysisComparison> comparisons;
    AnalysisViewState view;
};

/// A file a run wrote that is listed in the manifest but not loaded (logits, representations,
/// column attentions): name as predict uses it ("logits", "repr_layer6", "col_attentions").
struct AnalysisExtraOutput {
    std::string name;
    std::vector<int64_t> shape;
    std::string dtype = "float32";
};

/// Saves `doc` as the folder `dir`: copies the alignment and structure files into it,
/// writes every run's tokens / row attentions / contacts, coevolution results and
/// comparisons as .npy, then the manifest. The folder is built beside `dir` and moved into
/// place at the end, so a failure leaves `dir` as it was. `dir` must not exist, be empty, or
/// be a saved analysis (it is then replaced). Throws axs::Error naming the folder.
void saveAnalysis(const std::string& dir, const AnalysisDocument& doc);

/// Writes only the manifest `dir`/analysis.json, for outputs already in `dir` (what
/// `predict --out DIR` does): the inputs are referenced by paths relative to `dir`, the
/// runs' non-empty tensors are listed under predict's file names (which must be there) plus
/// `extraOutputs` (files predict streamed, e.g. col_attentions). Atomic.
void writeAnalysisManifest(const std::string& dir, const AnalysisDocument& doc,
                           const std::vector<AnalysisExtraOutput>& extraOutputs = {});

/// Reads a saved analysis from a folder holding analysis.json or from the manifest file
/// itself, with the files beside it. Throws axs::Error with a clear message naming the
/// manifest or the file for any problem: not JSON, wrong format or version, a field
/// missing or of the wrong type, a file missing or changed (SHA-256), an array whose shape
/// disagrees with the alignment, tokens that are not the kept rows.
AnalysisDocument readAnalysis(const std::string& path);

/// True when `path` is a folder with analysis.json or a file named analysis.json.
bool looksLikeAnalysis(const std::string& path);

}  // namespace axs
