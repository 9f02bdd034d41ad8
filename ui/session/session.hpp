// The state of one workbench window, the analysis document it shows: the alignment and its
// query row, the structure and chain, the model choice and the model loaded for it, the
// last run, the coevolution result and the comparisons imported into the contact map.
// Views observe it through its signals and only render; only the GUI thread touches it.
// Everything it hands out is immutable and shared (views keep pointers, a running job
// keeps its own snapshot).
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "msa/msa.hpp"
#include "session/model_choice.hpp"
#include "session/run_result.hpp"
#include "structure/structure.hpp"

namespace axs::ui {

/// A prediction imported for comparison (e.g. another tool's contacts), T x T.
struct ContactComparison {
    QString label;
    TensorF scores;
};

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr) : QObject(parent) {}

    /// The alignment as shown and run: the file's rows with the query row first.
    std::shared_ptr<const Msa> msa() const { return msa_; }
    /// The alignment as read from its file (row order of the file).
    std::shared_ptr<const Msa> fileMsa() const { return fileMsa_; }
    /// Row of the file (0-based) that is the query.
    size_t queryRow() const { return queryRow_; }
    /// Opens an alignment read from a file, with row `queryRow` of the file as the query.
    /// The last run, coevolution result and comparisons belonged to the old alignment and
    /// are dropped. Throws axs::Error naming the file for a row out of range (nothing changes).
    void setMsa(std::shared_ptr<const Msa> fileMsa, size_t queryRow = 0);

    /// Makes row `row` of the shown alignment (0-based; 0 is the current query) the query:
    /// the file's rows with that one moved to the front, as for PSICOV alignments whose
    /// target is not the first line. Throws axs::Error for a row out of range.
    void useRowAsQuery(size_t row);

    std::shared_ptr<const ProteinStructure> structure() const { return structure_; }
    /// Replaces the structure; the chain choice goes back to the structure's default.
    void setStructure(std::shared_ptr<const ProteinStructure> structure);
    /// Chooses the chain the true contacts come from by author id ("" = the blank chain;
    /// emits structureChanged). Throws axs::Error naming the file and listing the chains
    /// when `id` is not one of them.
    void setChainId(const std::string& id);
    /// The chain in use: the chosen one, else the structure's default. Requires structure();
    /// throws axs::Error naming the file when it has no protein chain.
    const StructureChain& activeChain() const;
    /// True when a chain was chosen explicitly (setChainId).
    bool chainChosen() const { return chainChosen_; }

    const ModelChoice& model() const { return model_; }
    /// Chooses the model for the next runs; a model loaded for another choice is dropped.
    void setModel(const ModelChoice& model);
    /// The model loaded for the current choice (model null when none is loaded yet).
    const LoadedModel& loadedModel() const { return loaded_; }
    /// Keeps `loaded` as the model of the current choice (ignored when `choice` is not the
    /// current one: it finished loading after the user chose another).
    void setLoadedModel(const ModelChoice& choice, LoadedModel loaded);
    /// The loaded model when it has the weights `identity` names, else null (column
    /// attention of a run needs the run's own model).
    std::shared_ptr<const MsaTransformer> modelWithWeights(const ModelIdentity& identity) const;

    RunResultPtr run() const { return run_; }
    /// Makes `run` the current run; the one it replaces (same alignment) is kept among the
    /// earlier runs, with its tokens and contacts only (row attentions can be hundreds of MB).
    void setRun(RunResultPtr run);
    /// Runs before the current one on this alignment, oldest first (contacts and tokens).
    const std::vector<RunResultPtr>& earlierRuns() const { return earlierRuns_; }
    /// Replaces the runs as a saved analysis had them (`runs`: oldest first, the last current).
    void setRuns(const std::vector<RunResultPtr>& runs);

    CoevolutionResultPtr coevolution() const { return coevolution_; }
    void setCoevolution(CoevolutionResultPtr result);

    const std::vector<ContactComparison>& comparisons() const { return comparisons_; }
    void addComparison(ContactComparison comparison);

signals:
    void msaChanged();
    void structureChanged();
    void modelChanged();
    void loadedModelChanged();
    void runChanged();
    void coevolutionChanged();
    void comparisonsChanged();

private:
    std::shared_ptr<const Msa> fileMsa_;
    std::shared_ptr<const Msa> msa_;
    size_t queryRow_ = 0;
    std::shared_ptr<const ProteinStructure> structure_;
    std::string chainId_;
    bool chainChosen_ = false;
    ModelChoice model_;
    LoadedModel loaded_;
    RunResultPtr run_;
    std::vector<RunResultPtr> earlierRuns_;
    CoevolutionResultPtr coevolution_;
    std::vector<ContactComparison> comparisons_;
};

}  // namespace axs::ui
