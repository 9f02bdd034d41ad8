// The screenshot mode (`axialscope --screenshot DIR`): opens the bundled example, runs the
// demo model and writes the main views as PNG files. Checks that every image is written,
// has the window's size and is not blank.
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "mainwindow/screenshots.hpp"
#include "test_ui_support.hpp"

class TestUiScreenshots : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        axs::test::setUpWorkbenchTest("test_ui_screenshots", scratch_);
    }

    void writesEveryView() {
        // AXS_SCREENSHOT_DIR lets a developer keep the images (e.g. docs/screenshots).
        const QString dir = qEnvironmentVariableIsSet("AXS_SCREENSHOT_DIR") ? qEnvironmentVariable("AXS_SCREENSHOT_DIR")
                                                                            : scratch_.filePath("shots");
        QCOMPARE(axs::ui::renderScreenshots(dir), 0);
        for (const QString name : {"main_window.png", "alignment_overview.png", "main_window_after_run.png",
                                   "run_panel.png", "attention.png", "contacts.png", "heads.png", "linked_contacts.png",
                                   "linked_row_attention.png", "linked_heads.png", "linked_alignment.png"}) {
            const QImage img(dir + "/" + name);
            QVERIFY2(!img.isNull(), qPrintable(name));
            QVERIFY(img.width() > 200 && img.height() > 200);
            // Not blank: many distinct colours.
            QSet<QRgb> colours;
            for (int y = 0; y < img.height(); y += 7)
                for (int x = 0; x < img.width(); x += 7) colours.insert(img.pixel(x, y));
            QVERIFY2(colours.size() > 20, qPrintable(name));
        }
    }
};

QTEST_MAIN(TestUiScreenshots)
#include "test_ui_screenshots.moc"
