// The 3D view's camera as plain math (no GL), so tests can check projection and picking:
// a perspective camera orbiting a target point. Rotation is a quaternion applied to the
// scene about the target; distance is the eye-to-target length in Angstrom.
#pragma once

#include <QMatrix4x4>
#include <QPointF>
#include <QQuaternion>
#include <QSize>
#include <QVector3D>

namespace axs::ui {

/// A ray in scene coordinates (Angstrom): origin + t * direction, direction unit length.
struct Ray {
    QVector3D origin;
    QVector3D direction;
};

class OrbitCamera {
public:
    /// Frames a sphere (centre, radius in Angstrom) with the default orientation.
    void fit(const QVector3D& center, float radius);
    /// Back to the last fit().
    void reset();
    /// Turns the scene by a mouse drag of (dx, dy) pixels in a viewport of `viewport` pixels.
    void rotate(float dx, float dy, const QSize& viewport);
    /// Moves the target so the scene follows a drag of (dx, dy) pixels.
    void pan(float dx, float dy, const QSize& viewport);
    /// Multiplies the distance by `factor` (< 1 zooms in), kept within sensible limits.
    void zoom(float factor);
    /// Looks at `point` without changing orientation or distance.
    void centerOn(const QVector3D& point);

    QMatrix4x4 viewMatrix() const;
    QMatrix4x4 projectionMatrix(const QSize& viewport) const;
    /// Pixel position (origin top-left) of a scene point; z of the result is NDC depth.
    QVector3D project(const QVector3D& point, const QSize& viewport) const;
    /// The ray through a pixel (origin top-left, pixel centres at +0.5).
    Ray rayThrough(const QPointF& pixel, const QSize& viewport) const;

    QVector3D target() const { return target_; }
    float distance() const { return distance_; }
    QQuaternion rotation() const { return rotation_; }
    QVector3D eye() const;

    static constexpr float kFieldOfViewDeg = 35.0f;

private:
    QVector3D target_{0, 0, 0};
    QQuaternion rotation_;
    float distance_ = 50;
    float radius_ = 20;  ///< of the fitted scene; bounds zoom and the clip planes
    QVector3D fitCenter_{0, 0, 0};
    float fitDistance_ = 50;
};

}  // namespace axs::ui
