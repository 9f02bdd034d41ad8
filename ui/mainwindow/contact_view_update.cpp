#include "mainwindow/contact_view_update.hpp"

#include <QFileInfo>

#include "coevolution/coevolution_contacts.hpp"
#include "common/error.hpp"
#include "contactmap/contact_map_view.hpp"
#include "session/session.hpp"

namespace axs::ui {

std::optional<StructureTruth> sessionTruth(const Session& session, QString* label, QString* warning) {
    const auto msa = session.msa();
    const auto structure = session.structure();
    if (!msa || msa->depth() == 0 || !structure) return std::nullopt;
    try {
        const StructureChain& chain = session.activeChain();
        StructureTruth truth = truthForQuery(msa->query(), chain);
        *label = QStringLiteral("%1 chain %2")
                     .arg(QFileInfo(QString::fromStdString(structure->sourcePath)).fileName(),
                          QString::fromStdString(chain.displayId()));
        if (truth.mapping.lowConfidence)
            *warning = QStringLiteral("%1 fits the query poorly: %2")
                           .arg(*label, QString::fromStdString(truth.mapping.warning));
        return truth;
    } catch (const axs::Error& e) {
        *warning = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

QString fillContactView(ContactMapView& view, const Session& session) {
    const auto msa = session.msa();
    if (!msa || msa->depth() == 0) return {};
    QString label, warning;
    try {
        const std::string& query = msa->query();
        view.setQuery(query);
        if (const auto truth = sessionTruth(session, &label, &warning))
            view.setTruth(truth->map, label);
        else
            view.clearTruth();
        const RunResultPtr run = session.run();
        const CoevolutionResultPtr coevolution = session.coevolution();
        const bool runShown = run && run->contacts.rank() == 3 && run->contacts.shape[1] == int64_t(query.size());
        if (runShown) {
            QString name = QString::fromStdString(run->model.label);
            if (run->model.randomWeights && !name.contains(QStringLiteral("random weights")))
                name += QStringLiteral(" (random weights)");
            view.setPrediction(contactMap(*run), name);
        }
        if (coevolution) showCoevolution(view, *coevolution, runShown);
        const auto& earlier = session.earlierRuns();
        for (size_t k = 0; k < earlier.size(); ++k)
            if (runShown && earlier[k]->contacts.rank() == 3 && earlier[k]->contacts.shape[1] == int64_t(query.size()))
                view.addComparison(contactMap(*earlier[k]), QStringLiteral("run %1: %2, %3 rows")
                                                                .arg(k + 1)
                                                                .arg(QString::fromStdString(earlier[k]->model.label))
                                                                .arg(earlier[k]->msa.depth()));
        for (const ContactComparison& c : session.comparisons()) view.addComparison(c.scores, c.label);
    } catch (const axs::Error& e) {
        warning = QString::fromUtf8(e.what());
    }
    return warning;
}

}  // namespace axs::ui
