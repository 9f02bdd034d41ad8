#include "session/session.hpp"

namespace axs::ui {

void Session::setMsa(std::shared_ptr<const Msa> msa) {
    msa_ = std::move(msa);
    // Drop the old run first, so no view sees the new alignment together with the old run.
    setRun(nullptr);
    emit msaChanged();
}

void Session::setStructure(std::shared_ptr<const ProteinStructure> structure) {
    structure_ = std::move(structure);
    emit structureChanged();
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
