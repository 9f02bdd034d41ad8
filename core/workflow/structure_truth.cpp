#include "workflow/structure_truth.hpp"

namespace axs {

const StructureChain& chooseChain(const ProteinStructure& structure, const std::string* id) {
    return id ? structure.chain(*id) : structure.defaultChain();
}

StructureTruth truthForQuery(const std::string& query, const StructureChain& chain) {
    StructureTruth t;
    t.chainId = chain.id;
    t.mapping = mapQueryToChain(query, chain);
    t.map = queryContactMap(chain, t.mapping);
    t.mappingText = describeMapping(t.mapping, chain);
    if (t.mapping.lowConfidence) t.warnings.push_back(t.mapping.warning);
    return t;
}

}  // namespace axs
