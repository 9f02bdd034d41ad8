// The state of one workbench window: what is open and the last run. Views observe it
// through its signals; only the GUI thread touches it. Everything it hands out is
// immutable and shared (views keep pointers, a running job keeps its own snapshot).
#pragma once

#include <QObject>
#include <QString>
#include <memory>

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

    std::shared_ptr<const ProteinStructure> structure() const { return structure_; }
    void setStructure(std::shared_ptr<const ProteinStructure> structure);

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
    ModelChoice model_;
    RunResultPtr run_;
};

}  // namespace axs::ui
