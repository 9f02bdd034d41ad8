#include "structure/virtual_cb.hpp"

#include <cmath>

namespace axs {

namespace {

Point3 sub(const Point3& u, const Point3& v) { return {u[0] - v[0], u[1] - v[1], u[2] - v[2]}; }

Point3 cross(const Point3& u, const Point3& v) {
    return {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
}

Point3 unit(const Point3& u) {
    const double norm = std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    return {u[0] / norm, u[1] / norm, u[2] / norm};
}

}  // namespace

Point3 idealVirtualCb(const Point3& n, const Point3& ca, const Point3& c) {
    // Frame: points A = C, B = N, C = CA; the new point D = CB is bonded to CA.
    const Point3 eBc = unit(sub(ca, n));
    const Point3 eN = unit(cross(sub(n, c), eBc));
    const Point3 eM = cross(eN, eBc);
    const double x = -kCbBondLength * std::cos(kCbAngle);
    const double y = kCbBondLength * std::sin(kCbAngle) * std::cos(kCbDihedral);
    const double z = kCbBondLength * std::sin(kCbAngle) * std::sin(kCbDihedral);
    Point3 cb;
    for (int k = 0; k < 3; ++k) cb[k] = ca[k] + x * eBc[k] + y * eM[k] + z * eN[k];
    return cb;
}

}  // namespace axs
