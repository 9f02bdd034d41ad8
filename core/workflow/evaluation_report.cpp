#include "workflow/evaluation_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/atomic_file.hpp"
#include "workflow/structure_truth.hpp"

namespace axs {

std::string jsonNumber(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string evaluationDocument(const EvaluationContext& context, const StructureChain& chain,
                               const QueryMapping& mapping, const ContactEvaluation& evaluation,
                               const std::vector<std::string>& warnings) {
    std::ostringstream js;
    js << "{\"contacts\": " << jsonString(context.contactsPath) << ", \"format\": " << jsonString(context.format)
       << ", \"structure\": " << jsonString(context.structurePath) << ", \"chain\": " << jsonString(chain.id)
       << ", \"query_source\": " << jsonString(context.querySource) << ", \"query\": " << jsonString(context.query)
       << ", \"mapping\": {\"aligned\": " << mapping.alignedPairs << ", \"identical\": " << mapping.identicalPairs
       << ", \"identity\": " << mapping.identity << ", \"coverage\": " << mapping.coverage
       << ", \"low_confidence\": " << (mapping.lowConfidence ? "true" : "false")
       << ", \"segments\": " << jsonString(describeMapping(mapping, chain)) << ", \"residues\": [";
    for (size_t q = 0; q < mapping.residueIndex.size(); ++q) {
        const int r = mapping.residueIndex[q];
        js << (q ? ", " : "") << (r < 0 ? std::string("null") : jsonString(chain.residues[r].authorId()));
    }
    js << "]}, \"warnings\": [";
    for (size_t k = 0; k < warnings.size(); ++k) js << (k ? ", " : "") << jsonString(warnings[k]);
    js << "], " << evaluationJson(evaluation).substr(1) << "\n";
    return js.str();
}

ContactEvaluation writeEvaluation(const std::string& jsonPath, const TensorF& scores, const EvaluationContext& context,
                                  const StructureChain& chain, std::vector<std::string>* warnings) {
    const StructureTruth truth = truthForQuery(context.query, chain);
    const ContactEvaluation ev = evaluateContacts(scores, truth.map.contacts);
    writeFileAtomically(jsonPath, evaluationDocument(context, chain, truth.mapping, ev, truth.warnings));
    if (warnings) *warnings = truth.warnings;
    return ev;
}

}  // namespace axs
