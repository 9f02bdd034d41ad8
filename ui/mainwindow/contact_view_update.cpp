#include "mainwindow/contact_view_update.hpp"

#include <QFileInfo>

#include "common/error.hpp"
#include "contactmap/contact_map_view.hpp"
#include "session/session.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"

namespace axs::ui {

QString updateContactView(ContactMapView& view, const Session& session) {
    const auto msa = session.msa();
    if (!msa || msa->depth() == 0) return {};
    QString warning;
    try {
        const std::string& query = msa->query();
        view.setQuery(query);
        if (const auto structure = session.structure()) {
            const StructureChain& chain = structure->defaultChain();
            const QueryMapping mapping = mapQueryToChain(query, chain);
            const QString label = QStringLiteral("%1 chain %2")
                                      .arg(QFileInfo(QString::fromStdString(structure->sourcePath)).fileName(),
                                           QString::fromStdString(chain.displayId()));
            view.setTruth(queryContactMap(chain, mapping), label);
            if (mapping.lowConfidence)
                warning = QStringLiteral("%1 fits the query poorly: %2").arg(label, QString::fromStdString(mapping.warning));
        } else {
            view.clearTruth();
        }
        const RunResultPtr run = session.run();
        if (run && run->contacts.rank() == 3 && run->contacts.shape[1] == int64_t(query.size())) {
            TensorF probs;
            probs.shape = {run->contacts.shape[1], run->contacts.shape[2]};
            probs.data = run->contacts.data;
            QString label = QString::fromStdString(run->modelLabel);
            if (run->randomWeights && !label.contains(QStringLiteral("random weights")))
                label += QStringLiteral(" (random weights)");
            view.setPrediction(probs, label);
        }
    } catch (const axs::Error& e) {
        warning = QString::fromUtf8(e.what());
    }
    return warning;
}

}  // namespace axs::ui
