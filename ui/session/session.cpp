#include "session/session.hpp"

#include "common/error.hpp"
#include "msa/subsample.hpp"

namespace axs::ui {

void Session::setMsa(std::shared_ptr<const Msa> fileMsa, size_t queryRow) {
    std::shared_ptr<const Msa> shown = fileMsa;
    if (fileMsa && queryRow != 0) shown = std::make_shared<const Msa>(withQueryFirst(*fileMsa, queryRow));
    fileMsa_ = std::move(fileMsa);
    msa_ = std::move(shown);
    queryRow_ = fileMsa_ ? queryRow : 0;
    // Drop the old results first, so no view sees the new alignment together with them.
    earlierRuns_.clear();
    setRun(nullptr);
    setCoevolution(nullptr);
    if (!comparisons_.empty()) {
        comparisons_.clear();
        emit comparisonsChanged();
    }
    emit msaChanged();
}

void Session::useRowAsQuery(size_t row) {
    if (!msa_) throw Error("no alignment is open");
    if (row == 0) return;  // already the query (an out-of-range row throws below, naming the file)
    // Shown row k > 0 is the k-th of the file's other rows, in file order.
    const size_t fileRow = row <= queryRow_ ? row - 1 : row;
    setMsa(fileMsa_, fileRow);
}

void Session::setStructure(std::shared_ptr<const ProteinStructure> structure) {
    structure_ = std::move(structure);
    chainId_.clear();
    chainChosen_ = false;
    emit structureChanged();
}

void Session::setChainId(const std::string& id) {
    if (!structure_) throw Error("no structure is open");
    structure_->chain(id);  // throws, naming the file and its chains, for an unknown id
    chainId_ = id;
    chainChosen_ = true;
    emit structureChanged();
}

const StructureChain& Session::activeChain() const {
    if (!structure_) throw Error("no structure is open");
    return chainChosen_ ? structure_->chain(chainId_) : structure_->defaultChain();
}

void Session::setModel(const ModelChoice& model) {
    if (model == model_) return;
    model_ = model;
    if (loaded_.model) {
        loaded_ = {};
        emit loadedModelChanged();
    }
    emit modelChanged();
}

void Session::setLoadedModel(const ModelChoice& choice, LoadedModel loaded) {
    if (!(choice == model_) || loaded.model == loaded_.model) return;
    loaded_ = std::move(loaded);
    emit loadedModelChanged();
}

std::shared_ptr<const MsaTransformer> Session::modelWithWeights(const ModelIdentity& identity) const {
    return loaded_.model && loaded_.identity.sameWeights(identity) ? loaded_.model : nullptr;
}

namespace {

/// A run as kept among the earlier ones: everything but the large per-head outputs.
RunResultPtr slimmed(const RunResult& run) {
    auto out = std::make_shared<RunResult>();
    out->msa = run.msa;
    out->keptRows = run.keptRows;
    out->openedRows = run.openedRows;
    out->selection = run.selection;
    out->tokens = run.tokens;
    out->contacts = run.contacts;
    out->regressionWeights = run.regressionWeights;
    out->model = run.model;
    out->precision = run.precision;
    out->seconds = run.seconds;
    return out;
}

}  // namespace

void Session::setRun(RunResultPtr run) {
    if (run == run_) return;
    if (run_ && run) earlierRuns_.push_back(run_->rowAttentions.size() ? slimmed(*run_) : run_);
    run_ = std::move(run);
    emit runChanged();
}

void Session::setRuns(const std::vector<RunResultPtr>& runs) {
    earlierRuns_.assign(runs.begin(), runs.empty() ? runs.end() : runs.end() - 1);
    const RunResultPtr current = runs.empty() ? nullptr : runs.back();
    if (current == run_) return emit runChanged();
    run_ = current;
    emit runChanged();
}

void Session::setCoevolution(CoevolutionResultPtr result) {
    if (result == coevolution_) return;
    coevolution_ = std::move(result);
    emit coevolutionChanged();
}

void Session::addComparison(ContactComparison comparison) {
    comparisons_.push_back(std::move(comparison));
    emit comparisonsChanged();
}

}  // namespace axs::ui
