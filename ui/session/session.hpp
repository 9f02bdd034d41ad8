// The state of one workbench window: what is open and the last run. Views observe it
// through its signals; only the GUI thread touches it. Everything it hands out is
// immutable and shared (views keep pointers, a running job keeps its own snapshot).
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <string>

#include "msa/msa.hpp"
#include "session/model_choice.hpp"
#include "session/run_result.hpp"
#include "structure/structure.hpp"

namespace axs::ui {

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr) : QObject(parent) {}

    std::shared_ptr<const Msa> msa() const { return msa_; }
    /// Replaces the alignment; the last run belonged to the old one and is dropped.
    void setMsa(std::shared_ptr<const Msa> msa);

    /// Replaces the alignment by the same rows with `row` (0-based) moved to the front as
    /// the query, as for PSICOV alignments whose target is not the first line. The run
    /// belonged to the old query and is dropped. Throws axs::Error for a row out of range.
    void useRowAsQuery(size_t row);

    std::shared_ptr<const ProteinStructure> structure() const { return structure_; }
    /// Replaces the structure; the chain choice goes back to the structure's default.
    void setStructure(std::shared_ptr<const ProteinStructure> structure);
    /// Chooses the chain the true contacts come from by author id ("" = the blank chain;
    /// emits structureChanged). Throws
    /// axs::Error naming the file and listing the chains when `id` is not one of them.
    void setChainId(const std::string& id);
    /// The chain in use: the chosen one, else the structure's default. Requires structure();
    /// throws axs::Error naming the file when it has no protein chain.
    const StructureChain& activeChain() const;

    const ModelChoice& model() const { return model_; }
    void setModel(const ModelChoice& model);

    RunResultPtr run() const { return run_; }
    void setRun(RunResultPtr run);

signals:
    void msaChanged();
    void structureChanged();
    void modelChanged();
    void runChanged();

private:
    std::shared_ptr<const Msa> msa_;
    std::shared_ptr<const ProteinStructure> structure_;
    std::string chainId_;
    bool chainChosen_ = false;
    ModelChoice model_;
    RunResultPtr run_;
};

}  // namespace axs::ui
