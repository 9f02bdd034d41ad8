#include "mainwindow/about_dialog.hpp"

#include <QApplication>
#include <QMessageBox>

namespace axs::ui {

void showAboutDialog(QWidget* parent) {
    auto* box = new QMessageBox(parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setWindowTitle(QObject::tr("About AxialScope"));
    box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(QObject::tr("<h3>AxialScope %1</h3>"
                             "<p>A workbench for looking inside the MSA Transformer (ESM-MSA-1b): "
                             "row attention, predicted contacts and the alignment that produced them.</p>")
                     .arg(QApplication::applicationVersion()));
    box->setInformativeText(
        QObject::tr("<p>The model runs on the CPU in this program, reproducing facebookresearch/esm "
                    "(Rao et al., <i>MSA Transformer</i>, ICML 2021). The official weights "
                    "(esm_msa1b_t12_100M_UR50S, MIT licence) are downloaded from the ESM release on request.</p>"
                    "<p>Built with Qt %1, Eigen, gemmi and QCustomPlot.<br>"
                    "Bundled example: 1a3a (MSA from the ESM examples, MIT; structure from the PDB, CC0).</p>")
            .arg(QString::fromLatin1(qVersion())));
    box->setStandardButtons(QMessageBox::Ok);
    box->open();
}

}  // namespace axs::ui
