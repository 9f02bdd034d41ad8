// A real RunResult for the view tests: the small reference model msa_t2_e32_h4 (L=2, H=4)
// run by our engine on the golden case handmade_3x10 (3 rows, 10 columns).
#pragma once

#include <memory>

#include "checkpoint/checkpoint.hpp"
#include "common/npy.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa_io.hpp"
#include "session/run_result.hpp"
#include "test_paths.hpp"

namespace axs::test {

inline std::shared_ptr<const MsaTransformer> referenceModel() {
    static const auto model = std::make_shared<const MsaTransformer>(
        MsaTransformer::fromCheckpoint(loadCheckpoint(dataFile("reference/models/msa_t2_e32_h4.pt"))));
    return model;
}

inline const char* kReferenceCase = "reference/cases/msa_t2_e32_h4__handmade_3x10/";

/// Runs the reference model with row attentions and contacts, as the workbench does (the
/// model for column attention is referenceModel(), handed to the views separately).
inline ui::RunResultPtr referenceRun() {
    auto run = std::make_shared<ui::RunResult>();
    run->msa = readMsa(dataFile("reference/inputs/handmade_3x10.a3m"));
    run->keptRows = {0, 1, 2};
    run->tokens = readNpyInt64(dataFile(QString(kReferenceCase) + "tokens.npy"));
    ForwardOptions options;
    options.rowAttentions = true;
    options.contacts = true;
    ForwardResult result = referenceModel()->forward(run->tokens, options);
    run->rowAttentions = std::move(result.rowAttentions);
    run->contacts = std::move(result.contacts);
    run->regressionWeights = referenceModel()->contactRegressionWeights();
    run->model.label = "msa_t2_e32_h4 (reference test model)";
    run->model.randomWeights = true;
    return run;
}

}  // namespace axs::test
