// The evaluation document shared by `evaluate --json`, `predict --structure`,
// `coevolution --structure` (evaluation.json) and saved analyses: one schema, written in
// one place.
#pragma once

#include <string>
#include <vector>

#include "common/json_string.hpp"
#include "common/tensor.hpp"
#include "metrics/contact_precision.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs {

using axs::jsonString;  // common/json_string.hpp

/// Full precision for JSON; NaN / infinite (undefined) as null.
std::string jsonNumber(double v);

struct EvaluationContext {
    std::string contactsPath;  ///< the prediction file being scored
    std::string format;        ///< its format id ("npy", "rr", ...)
    std::string structurePath;
    std::string querySource;  ///< human-readable origin of the query
    std::string query;
};

/// {"contacts":…, "format":…, "structure":…, "chain":…, "query_source":…, "query":…,
///  "mapping": {…}, "warnings": […], "L":…, "Lc":…, "precision": {…}} plus a newline.
std::string evaluationDocument(const EvaluationContext& context, const StructureChain& chain,
                               const QueryMapping& mapping, const ContactEvaluation& evaluation,
                               const std::vector<std::string>& warnings);

/// Scores a T x T prediction for `context.query` against `chain`, writes the document to
/// `jsonPath` atomically, and returns the evaluation. Poor query↔chain matches are
/// recorded as warnings in the document (and returned in `warnings` when given).
ContactEvaluation writeEvaluation(const std::string& jsonPath, const TensorF& scores, const EvaluationContext& context,
                                  const StructureChain& chain, std::vector<std::string>* warnings = nullptr);

}  // namespace axs
