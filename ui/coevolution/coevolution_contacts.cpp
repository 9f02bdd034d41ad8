#include "coevolution/coevolution_contacts.hpp"

#include "contactmap/contact_map_view.hpp"

namespace axs::ui {

void showCoevolution(ContactMapView& view, const CoevolutionResult& result, bool hasModelPrediction, bool showBelow) {
    const QString label = QString::fromStdString(coevolutionLabel(result.method));
    if (!hasModelPrediction) {
        view.setPrediction(result.scores, label);
        return;
    }
    const int index = view.addComparison(result.scores, label);
    if (showBelow) view.setLowerSource(index);
}

}  // namespace axs::ui
