#include "coevolution/coevolution_contacts.hpp"

#include "contactmap/contact_map_view.hpp"

namespace axs::ui {

void showCoevolution(ContactMapView& view, const CoevolutionResult& result, bool hasModelPrediction, bool showBelow) {
    if (!hasModelPrediction) {
        view.setPrediction(result.scores, result.label);
        return;
    }
    const int index = view.addComparison(result.scores, result.label);
    if (showBelow) view.setLowerSource(index);
}

}  // namespace axs::ui
