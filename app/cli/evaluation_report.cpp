#include "evaluation_report.hpp"

#include <cctype>
#include <cstdio>
#include <sstream>

#include "common/atomic_file.hpp"
#include "structure/contact_map.hpp"

namespace axs::cli {

std::string rrSequence(const std::string& query) {
    std::string out = query;
    for (char& c : out)
        if (!std::isalpha(static_cast<unsigned char>(c))) c = 'X';
    return out;
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

ContactEvaluation writeEvaluation(const std::string& jsonPath, const TensorF& scores, EvaluationContext context,
                                  const StructureChain& chain) {
    std::vector<std::string> warnings;
    const QueryMapping mapping = mapQueryToChain(context.query, chain);
    if (mapping.lowConfidence) {
        warnings.push_back(mapping.warning);
        std::fprintf(stderr, "warning: %s\n", mapping.warning.c_str());
    }
    const QueryContactMap truth = queryContactMap(chain, mapping);
    const ContactEvaluation ev = evaluateContacts(scores, truth.contacts);
    writeFileAtomically(jsonPath, evaluationDocument(context, chain, mapping, ev, warnings));
    return ev;
}

}  // namespace axs::cli
