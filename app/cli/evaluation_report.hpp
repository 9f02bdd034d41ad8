// The evaluation document shared by `evaluate --json`, `predict --structure` and
// `coevolution --structure` (evaluation.json): one schema, written in one place.
#pragma once

#include <string>
#include <vector>

#include "common/json_string.hpp"
#include "common/tensor.hpp"
#include "metrics/contact_precision.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs::cli {

using axs::jsonString;  // common/json_string.hpp

/// The query as the RR header needs it: one letter per alignment column; gap columns
/// (possible in Clustal/Stockholm input or with --query-row) become 'X'.
std::string rrSequence(const std::string& query);

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

/// Scores a T x T prediction for `query` against `chain`, writes the document to
/// `jsonPath` atomically, and returns the evaluation. Poor query↔chain matches are
/// recorded as warnings in the document and printed to stderr.
ContactEvaluation writeEvaluation(const std::string& jsonPath, const TensorF& scores, EvaluationContext context,
                                  const StructureChain& chain);

}  // namespace axs::cli
