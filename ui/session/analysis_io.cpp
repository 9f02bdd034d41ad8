#include "session/analysis_io.hpp"

namespace axs::ui {

AnalysisDocument documentOf(const Session& session, const AnalysisViewState& view, const std::string& createdBy) {
    AnalysisDocument doc;
    doc.createdBy = createdBy;
    doc.alignment = session.fileMsa();
    doc.queryRow = session.queryRow();
    doc.structure = session.structure();
    if (doc.structure && session.chainChosen()) {
        doc.chainId = session.activeChain().id;
        doc.chainChosen = true;
    }
    if (session.loadedModel().model) doc.model = session.loadedModel().identity;
    doc.runs = session.earlierRuns();
    if (session.run()) doc.runs.push_back(session.run());
    if (session.coevolution()) doc.coevolution.push_back(session.coevolution());
    for (const ContactComparison& c : session.comparisons())
        doc.comparisons.push_back({c.label.toStdString(), c.scores});
    doc.view = view;
    return doc;
}

void applyDocument(Session& session, const AnalysisDocument& doc) {
    session.setMsa(doc.alignment, doc.queryRow);
    session.setStructure(doc.structure);
    if (doc.structure && doc.chainChosen) session.setChainId(doc.chainId);
    for (const AnalysisComparison& c : doc.comparisons)
        session.addComparison({QString::fromStdString(c.label), c.scores});
    if (!doc.coevolution.empty()) session.setCoevolution(doc.coevolution.back());
    if (!doc.runs.empty()) session.setRuns(doc.runs);
}

}  // namespace axs::ui
