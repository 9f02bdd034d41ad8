#include "structure3d/orbit_camera.hpp"

#include <algorithm>
#include <cmath>

namespace axs::ui {

void OrbitCamera::fit(const QVector3D& center, float radius) {
    radius_ = std::max(radius, 1.0f);
    // Distance at which the sphere fills the vertical field of view, with a margin.
    const float half = qDegreesToRadians(kFieldOfViewDeg / 2);
    fitDistance_ = radius_ / std::sin(half) * 1.05f;
    fitCenter_ = center;
    reset();
}

void OrbitCamera::reset() {
    target_ = fitCenter_;
    distance_ = fitDistance_;
    rotation_ = QQuaternion();
}

void OrbitCamera::rotate(float dx, float dy, const QSize& viewport) {
    const float size = float(std::max(1, std::min(viewport.width(), viewport.height())));
    // A drag across the shorter side turns by 180 degrees, about screen axes.
    const float degPerPixel = 180.0f / size;
    const QQuaternion turn = QQuaternion::fromAxisAndAngle(QVector3D(0, 1, 0), dx * degPerPixel) *
                             QQuaternion::fromAxisAndAngle(QVector3D(1, 0, 0), dy * degPerPixel);
    rotation_ = (turn * rotation_).normalized();
}

void OrbitCamera::pan(float dx, float dy, const QSize& viewport) {
    const float h = float(std::max(1, viewport.height()));
    const float unitsPerPixel = 2 * distance_ * std::tan(qDegreesToRadians(kFieldOfViewDeg / 2)) / h;
    // Screen axes expressed in scene coordinates.
    const QQuaternion inv = rotation_.conjugated();
    const QVector3D right = inv.rotatedVector(QVector3D(1, 0, 0));
    const QVector3D up = inv.rotatedVector(QVector3D(0, 1, 0));
    target_ -= right * (dx * unitsPerPixel) - up * (dy * unitsPerPixel);
}

void OrbitCamera::zoom(float factor) { distance_ = std::clamp(distance_ * factor, 2.0f, 20 * fitDistance_); }

void OrbitCamera::centerOn(const QVector3D& point) { target_ = point; }

QMatrix4x4 OrbitCamera::viewMatrix() const {
    QMatrix4x4 m;
    m.translate(0, 0, -distance_);
    m.rotate(rotation_);
    m.translate(-target_);
    return m;
}

QMatrix4x4 OrbitCamera::projectionMatrix(const QSize& viewport) const {
    QMatrix4x4 p;
    const float aspect = float(std::max(1, viewport.width())) / float(std::max(1, viewport.height()));
    const float nearPlane = std::max(0.5f, distance_ - 3 * radius_);
    const float farPlane = distance_ + 3 * radius_;
    p.perspective(kFieldOfViewDeg, aspect, nearPlane, farPlane);
    return p;
}

QVector3D OrbitCamera::project(const QVector3D& point, const QSize& viewport) const {
    const QVector3D ndc = (projectionMatrix(viewport) * viewMatrix()).map(point);
    return {(ndc.x() + 1) / 2 * float(viewport.width()), (1 - ndc.y()) / 2 * float(viewport.height()), ndc.z()};
}

Ray OrbitCamera::rayThrough(const QPointF& pixel, const QSize& viewport) const {
    const QMatrix4x4 inv = (projectionMatrix(viewport) * viewMatrix()).inverted();
    const float x = float(2 * pixel.x() / std::max(1, viewport.width()) - 1);
    const float y = float(1 - 2 * pixel.y() / std::max(1, viewport.height()));
    const QVector3D nearPoint = inv.map(QVector3D(x, y, -1));
    const QVector3D farPoint = inv.map(QVector3D(x, y, 1));
    return {nearPoint, (farPoint - nearPoint).normalized()};
}

QVector3D OrbitCamera::eye() const { return viewMatrix().inverted().map(QVector3D(0, 0, 0)); }

}  // namespace axs::ui
