#include "structure3d/scene_mesh.hpp"

#include <cmath>

namespace axs::ui {

namespace {

void pushVertex(Mesh& m, const QVector3D& p, const QVector3D& n, const QColor& c) {
    m.vertices.insert(m.vertices.end(),
                      {p.x(), p.y(), p.z(), n.x(), n.y(), n.z(), float(c.redF()), float(c.greenF()), float(c.blueF())});
}

/// Any unit vector perpendicular to `t`.
QVector3D perpendicular(const QVector3D& t) {
    const QVector3D axis = std::abs(t.x()) < 0.9f ? QVector3D(1, 0, 0) : QVector3D(0, 1, 0);
    return QVector3D::crossProduct(t, axis).normalized();
}

QVector3D catmullRom(const QVector3D& p0, const QVector3D& p1, const QVector3D& p2, const QVector3D& p3, float t) {
    const float t2 = t * t, t3 = t2 * t;
    return 0.5f *
           ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
}

/// Rings of `sides` vertices around a centre line with parallel-transported frames.
void sweep(Mesh& m, const std::vector<QVector3D>& centers, const std::vector<QColor>& colors, float radius, int sides) {
    const size_t n = centers.size();
    if (n < 2) return;
    const uint32_t base = uint32_t(m.vertexCount());
    QVector3D normal;
    for (size_t k = 0; k < n; ++k) {
        const QVector3D tangent = (k + 1 < n ? centers[k + 1] - centers[k] : centers[k] - centers[k - 1]).normalized();
        if (k == 0) {
            normal = perpendicular(tangent);
        } else {
            // Parallel transport: remove the tangent component, keep the twist minimal.
            normal = (normal - QVector3D::dotProduct(normal, tangent) * tangent).normalized();
            if (normal.lengthSquared() < 1e-6f) normal = perpendicular(tangent);
        }
        const QVector3D binormal = QVector3D::crossProduct(tangent, normal);
        for (int s = 0; s < sides; ++s) {
            const float a = float(2 * M_PI * s / sides);
            const QVector3D dir = std::cos(a) * normal + std::sin(a) * binormal;
            pushVertex(m, centers[k] + radius * dir, dir, colors[k]);
        }
    }
    for (size_t k = 0; k + 1 < n; ++k)
        for (int s = 0; s < sides; ++s) {
            const uint32_t a = base + uint32_t(k * sides + s), b = base + uint32_t(k * sides + (s + 1) % sides);
            const uint32_t c = a + uint32_t(sides), d = b + uint32_t(sides);
            m.indices.insert(m.indices.end(), {a, c, b, b, c, d});
        }
}

void addCap(Mesh& m, const QVector3D& center, const QVector3D& normal, float radius, const QColor& color, int sides) {
    const uint32_t base = uint32_t(m.vertexCount());
    pushVertex(m, center, normal, color);
    const QVector3D u = perpendicular(normal), v = QVector3D::crossProduct(normal, u);
    for (int s = 0; s < sides; ++s) {
        const float a = float(2 * M_PI * s / sides);
        pushVertex(m, center + radius * (std::cos(a) * u + std::sin(a) * v), normal, color);
    }
    for (int s = 0; s < sides; ++s)
        m.indices.insert(m.indices.end(), {base, base + 1 + uint32_t(s), base + 1 + uint32_t((s + 1) % sides)});
}

}  // namespace

void addTube(Mesh& mesh, const std::vector<QVector3D>& points, const std::vector<QColor>& colors, float radius,
             int subdivisions, int sides) {
    const size_t n = points.size();
    if (n < 2) return;
    std::vector<QVector3D> centers;
    std::vector<QColor> ringColors;
    for (size_t k = 0; k + 1 < n; ++k) {
        const QVector3D& p0 = points[k == 0 ? 0 : k - 1];
        const QVector3D& p3 = points[k + 2 < n ? k + 2 : n - 1];
        for (int s = 0; s < subdivisions; ++s) {
            const float t = float(s) / float(subdivisions);
            centers.push_back(catmullRom(p0, points[k], points[k + 1], p3, t));
            ringColors.push_back(t < 0.5f ? colors[k] : colors[k + 1]);
        }
    }
    centers.push_back(points[n - 1]);
    ringColors.push_back(colors[n - 1]);
    sweep(mesh, centers, ringColors, radius, sides);
    addCap(mesh, centers.front(), (centers.front() - centers[1]).normalized(), radius, ringColors.front(), sides);
    addCap(mesh, centers.back(), (centers.back() - centers[centers.size() - 2]).normalized(), radius, ringColors.back(),
           sides);
}

void addCylinder(Mesh& mesh, const QVector3D& a, const QVector3D& b, float radius, const QColor& color, int sides) {
    if ((b - a).lengthSquared() < 1e-8f) return;
    sweep(mesh, {a, b}, {color, color}, radius, sides);
    const QVector3D axis = (b - a).normalized();
    addCap(mesh, a, -axis, radius, color, sides);
    addCap(mesh, b, axis, radius, color, sides);
}

void addSphere(Mesh& mesh, const QVector3D& center, float radius, const QColor& color, int rings, int sectors) {
    const uint32_t base = uint32_t(mesh.vertexCount());
    for (int r = 0; r <= rings; ++r) {
        const float phi = float(M_PI * r / rings);
        for (int s = 0; s <= sectors; ++s) {
            const float theta = float(2 * M_PI * s / sectors);
            const QVector3D n(std::sin(phi) * std::cos(theta), std::cos(phi), std::sin(phi) * std::sin(theta));
            pushVertex(mesh, center + radius * n, n, color);
        }
    }
    for (int r = 0; r < rings; ++r)
        for (int s = 0; s < sectors; ++s) {
            const uint32_t a = base + uint32_t(r * (sectors + 1) + s), b = a + 1;
            const uint32_t c = a + uint32_t(sectors + 1), d = c + 1;
            mesh.indices.insert(mesh.indices.end(), {a, c, b, b, c, d});
        }
}

}  // namespace axs::ui
