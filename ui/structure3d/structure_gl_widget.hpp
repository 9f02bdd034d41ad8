// The GL half of the 3D view: draws the meshes StructureView builds with a headlight and
// depth cueing, turns mouse drags into camera moves (left: rotate, right or shift+left:
// pan, wheel: zoom) and reports clicks for picking. Needs an OpenGL 2.0 context (Mesa's
// llvmpipe under Xvfb is enough); StructureView shows a message instead when there is none.
#pragma once

#include <QImage>
#include <QOpenGLBuffer>
#include <QOpenGLFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLWidget>
#include <QPoint>
#include <memory>

#include "structure3d/orbit_camera.hpp"
#include "structure3d/scene_mesh.hpp"

namespace axs::ui {

class StructureGlWidget : public QOpenGLWidget, protected QOpenGLFunctions {
    Q_OBJECT
public:
    /// `camera` is owned by the caller and outlives the widget.
    StructureGlWidget(OrbitCamera* camera, QWidget* parent = nullptr);
    ~StructureGlWidget() override;

    /// Replaces what is drawn (uploaded on the next paint).
    void setMesh(Mesh mesh);
    void setBackground(const QColor& color);
    /// The scene rendered offscreen at `pixels` (e.g. for a PNG at a chosen DPI); null image
    /// when the framebuffer cannot be made.
    QImage renderImage(const QSize& pixels);

    /// True when an OpenGL context can be created on this platform (checked once).
    static bool openGlAvailable();

signals:
    /// A click without drag, in widget pixels.
    void clicked(QPointF position);
    void doubleClicked(QPointF position);

protected:
    void initializeGL() override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void upload();
    void draw(const QSize& viewport);

    OrbitCamera* camera_;
    Mesh mesh_;
    bool dirty_ = true;
    QColor background_ = Qt::white;
    std::unique_ptr<QOpenGLShaderProgram> program_;
    QOpenGLBuffer vertices_{QOpenGLBuffer::VertexBuffer};
    QOpenGLBuffer indices_{QOpenGLBuffer::IndexBuffer};
    int indexCount_ = 0;
    QPoint pressPos_, lastPos_;
    bool dragged_ = false;
};

}  // namespace axs::ui
