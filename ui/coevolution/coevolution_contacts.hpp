// Where a coevolution result goes in the contact map: the main prediction (upper triangle)
// when there is no model run, otherwise a comparison selectable for the lower triangle.
#pragma once

#include "session/run_result.hpp"

namespace axs::ui {

class ContactMapView;

/// Adds `result` to `view` (whose query must be the result's query): setPrediction when
/// `hasModelPrediction` is false, else addComparison and, when `showBelow`, selects it as the
/// lower triangle. Throws axs::Error if the sizes do not match.
void showCoevolution(ContactMapView& view, const CoevolutionResult& result, bool hasModelPrediction,
                     bool showBelow = false);

}  // namespace axs::ui
