#include "session/session.hpp"

#include "common/error.hpp"
#include "msa/subsample.hpp"

namespace axs::ui {

void Session::setMsa(std::shared_ptr<const Msa> msa) {
    msa_ = std::move(msa);
    // Drop the old run first, so no view sees the new alignment together with the old run.
    setRun(nullptr);
    emit msaChanged();
}

void Session::useRowAsQuery(size_t row) {
    if (!msa_) throw Error("no alignment is open");
    if (row == 0) return;  // already the query (an out-of-range row throws below, naming the file)
    setMsa(std::make_shared<const Msa>(withQueryFirst(*msa_, row)));
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
    emit modelChanged();
}

void Session::setRun(RunResultPtr run) {
    if (run == run_) return;
    run_ = std::move(run);
    emit runChanged();
}

}  // namespace axs::ui
