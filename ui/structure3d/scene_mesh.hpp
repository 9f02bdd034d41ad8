// Triangle meshes for the 3D view, built on the CPU (no GL): a smooth tube through the Cα
// trace (Catmull-Rom spline, one colour per residue), cylinders for pairs, spheres for
// highlighted residues. Interleaved vertices ready for a vertex buffer.
#pragma once

#include <QColor>
#include <QVector3D>
#include <cstdint>
#include <vector>

namespace axs::ui {

struct Mesh {
    /// Per vertex: x y z, nx ny nz, r g b (9 floats).
    std::vector<float> vertices;
    std::vector<uint32_t> indices;  ///< triangles
    static constexpr int kStride = 9;

    size_t vertexCount() const { return vertices.size() / kStride; }
    size_t triangleCount() const { return indices.size() / 3; }
    void clear() {
        vertices.clear();
        indices.clear();
    }
};

/// A tube of `radius` through `points` (>= 2), smoothed with `subdivisions` spline steps
/// per segment; colours[k] applies around points[k] (half-way to each neighbour).
void addTube(Mesh& mesh, const std::vector<QVector3D>& points, const std::vector<QColor>& colors, float radius,
             int subdivisions = 5, int sides = 10);
/// A closed cylinder from a to b.
void addCylinder(Mesh& mesh, const QVector3D& a, const QVector3D& b, float radius, const QColor& color, int sides = 12);
void addSphere(Mesh& mesh, const QVector3D& center, float radius, const QColor& color, int rings = 10,
               int sectors = 16);

}  // namespace axs::ui
