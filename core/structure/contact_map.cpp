#include "structure/contact_map.hpp"

#include <cmath>
#include <limits>

namespace axs {

QueryContactMap queryContactMap(const StructureChain& chain, const QueryMapping& mapping, double cutoff) {
    const auto t = static_cast<int64_t>(mapping.residueIndex.size());
    QueryContactMap out;
    out.contacts = TensorI64({t, t}, -1);
    out.distances = TensorF({t, t}, std::numeric_limits<float>::quiet_NaN());
    out.hasCoordinates.assign(static_cast<size_t>(t), 0);
    std::vector<const Point3*> cb(static_cast<size_t>(t), nullptr);
    for (int64_t p = 0; p < t; ++p) {
        const int r = mapping.residueIndex[p];
        if (r >= 0 && chain.residues[r].hasBackbone) {
            cb[p] = &chain.residues[r].cb;
            out.hasCoordinates[p] = 1;
            ++out.positionsWithCoordinates;
            out.contacts.at(p, p) = 1;
            out.distances.at(p, p) = 0.0f;
        }
    }
    for (int64_t i = 0; i < t; ++i) {
        if (!cb[i]) continue;
        for (int64_t j = i + 1; j < t; ++j) {
            if (!cb[j]) continue;
            const Point3& a = *cb[i];
            const Point3& b = *cb[j];
            const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
            const double d = std::sqrt(dx * dx + dy * dy + dz * dz);
            const int64_t contact = d < cutoff ? 1 : 0;
            out.contacts.at(i, j) = out.contacts.at(j, i) = contact;
            out.distances.at(i, j) = out.distances.at(j, i) = static_cast<float>(d);
        }
    }
    return out;
}

}  // namespace axs
