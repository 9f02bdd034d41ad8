#include "structure3d/structure_gl_widget.hpp"

#include <QGuiApplication>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFramebufferObject>
#include <QWheelEvent>
#include <cmath>

namespace axs::ui {

namespace {

// GLSL 1.10 / ES 2.0 subset so that any context from GL 2.0 up works (Xvfb's GLX under the
// offscreen platform gives 2.0, the xcb platform 4.5 compatibility).
const char* kVertexShader = R"(
attribute vec3 position;
attribute vec3 normal;
attribute vec3 color;
uniform mat4 mvp;
uniform mat4 modelView;
varying vec3 vNormal;
varying vec3 vColor;
varying vec3 vEye;
void main() {
    vNormal = (modelView * vec4(normal, 0.0)).xyz;
    vColor = color;
    vEye = (modelView * vec4(position, 1.0)).xyz;
    gl_Position = mvp * vec4(position, 1.0);
}
)";

const char* kFragmentShader = R"(
varying vec3 vNormal;
varying vec3 vColor;
varying vec3 vEye;
uniform vec3 background;
uniform float fogNear;
uniform float fogFar;
void main() {
    vec3 n = normalize(vNormal);
    vec3 v = normalize(-vEye);
    if (dot(n, v) < 0.0) n = -n;
    vec3 l = normalize(vec3(0.3, 0.4, 1.0));
    float diffuse = max(dot(n, l), 0.0);
    float specular = pow(max(dot(n, normalize(l + v)), 0.0), 40.0);
    vec3 c = vColor * (0.38 + 0.62 * diffuse) + vec3(0.22 * specular);
    float fog = clamp((-vEye.z - fogNear) / max(fogFar - fogNear, 1.0), 0.0, 1.0) * 0.55;
    gl_FragColor = vec4(mix(c, background, fog), 1.0);
}
)";

constexpr int kClickSlop = 4;  // pixels a press may move and still count as a click

}  // namespace

bool StructureGlWidget::openGlAvailable() {
    static const bool available = [] {
        QOpenGLContext context;
        if (!context.create()) return false;
        QOffscreenSurface surface;
        surface.setFormat(context.format());
        surface.create();
        return surface.isValid() && context.makeCurrent(&surface);
    }();
    return available;
}

StructureGlWidget::StructureGlWidget(OrbitCamera* camera, QWidget* parent) : QOpenGLWidget(parent), camera_(camera) {
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setDepthBufferSize(24);
    format.setSamples(4);
    setFormat(format);
    setMinimumSize(200, 200);
    setFocusPolicy(Qt::ClickFocus);
}

StructureGlWidget::~StructureGlWidget() {
    if (!context()) return;
    makeCurrent();
    vertices_.destroy();
    indices_.destroy();
    program_.reset();
    doneCurrent();
}

void StructureGlWidget::setMesh(Mesh mesh) {
    mesh_ = std::move(mesh);
    dirty_ = true;
    update();
}

void StructureGlWidget::setBackground(const QColor& color) {
    background_ = color;
    update();
}

void StructureGlWidget::initializeGL() {
    initializeOpenGLFunctions();
    program_ = std::make_unique<QOpenGLShaderProgram>();
    program_->addShaderFromSourceCode(QOpenGLShader::Vertex, kVertexShader);
    program_->addShaderFromSourceCode(QOpenGLShader::Fragment, kFragmentShader);
    program_->bindAttributeLocation("position", 0);
    program_->bindAttributeLocation("normal", 1);
    program_->bindAttributeLocation("color", 2);
    if (!program_->link()) qWarning("3D view: shader link failed: %s", qPrintable(program_->log()));
    vertices_.create();
    indices_.create();
    dirty_ = true;
}

void StructureGlWidget::upload() {
    vertices_.bind();
    vertices_.allocate(mesh_.vertices.data(), int(mesh_.vertices.size() * sizeof(float)));
    indices_.bind();
    indices_.allocate(mesh_.indices.data(), int(mesh_.indices.size() * sizeof(uint32_t)));
    indexCount_ = int(mesh_.indices.size());
    dirty_ = false;
}

void StructureGlWidget::draw(const QSize& viewport) {
    glClearColor(float(background_.redF()), float(background_.greenF()), float(background_.blueF()), 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    if (!program_ || !program_->isLinked()) return;
    if (dirty_) upload();
    if (indexCount_ == 0) return;
    glEnable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    program_->bind();
    const QMatrix4x4 view = camera_->viewMatrix();
    program_->setUniformValue("mvp", camera_->projectionMatrix(viewport) * view);
    program_->setUniformValue("modelView", view);
    program_->setUniformValue(
        "background", QVector3D(float(background_.redF()), float(background_.greenF()), float(background_.blueF())));
    // Depth cue across the scene: from the target's near side to well behind it.
    program_->setUniformValue("fogNear", camera_->distance() - 5.0f);
    program_->setUniformValue("fogFar", camera_->distance() + 45.0f);
    vertices_.bind();
    indices_.bind();
    const int stride = Mesh::kStride * int(sizeof(float));
    for (int a = 0; a < 3; ++a) program_->enableAttributeArray(a);
    program_->setAttributeBuffer(0, GL_FLOAT, 0, 3, stride);
    program_->setAttributeBuffer(1, GL_FLOAT, 3 * sizeof(float), 3, stride);
    program_->setAttributeBuffer(2, GL_FLOAT, 6 * sizeof(float), 3, stride);
    glDrawElements(GL_TRIANGLES, indexCount_, GL_UNSIGNED_INT, nullptr);
    for (int a = 0; a < 3; ++a) program_->disableAttributeArray(a);
    program_->release();
}

void StructureGlWidget::paintGL() { draw(size()); }

QImage StructureGlWidget::renderImage(const QSize& pixels) {
    if (pixels.isEmpty() || pixels.width() > 16384 || pixels.height() > 16384) return {};
    makeCurrent();
    QOpenGLFramebufferObjectFormat format;
    format.setAttachment(QOpenGLFramebufferObject::Depth);
    format.setSamples(4);
    QOpenGLFramebufferObject multisampled(pixels, format);
    QImage image;
    if (multisampled.isValid() && multisampled.bind()) {
        glViewport(0, 0, pixels.width(), pixels.height());
        draw(pixels);
        multisampled.release();
        QOpenGLFramebufferObject resolved(pixels);
        QOpenGLFramebufferObject::blitFramebuffer(&resolved, &multisampled);
        image = resolved.toImage();
    }
    doneCurrent();
    return image;
}

void StructureGlWidget::mousePressEvent(QMouseEvent* event) {
    pressPos_ = lastPos_ = event->position().toPoint();
    dragged_ = false;
}

void StructureGlWidget::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if ((pos - pressPos_).manhattanLength() > kClickSlop) dragged_ = true;
    const QPoint delta = pos - lastPos_;
    lastPos_ = pos;
    if (!dragged_) return;
    const bool panning = (event->buttons() & Qt::RightButton) || (event->buttons() & Qt::MiddleButton) ||
                         ((event->buttons() & Qt::LeftButton) && (event->modifiers() & Qt::ShiftModifier));
    if (panning)
        camera_->pan(float(delta.x()), float(delta.y()), size());
    else if (event->buttons() & Qt::LeftButton)
        camera_->rotate(float(delta.x()), float(delta.y()), size());
    update();
}

void StructureGlWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (!dragged_ && event->button() == Qt::LeftButton) emit clicked(event->position());
}

void StructureGlWidget::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) emit doubleClicked(event->position());
}

void StructureGlWidget::wheelEvent(QWheelEvent* event) {
    const float steps = float(event->angleDelta().y()) / 120.0f;
    camera_->zoom(std::pow(0.88f, steps));
    update();
    event->accept();
}

}  // namespace axs::ui
