// The contact map: a prediction in the upper triangle, the true contacts of a structure
// (or a second prediction: another run, a coevolution result, an imported file) in the
// lower one; the top-k predictions marked as true / false positives; the precision table
// beside it. Clicking a pair emits contactClicked so the alignment can highlight both columns.
#pragma once

#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

#include "contactmap/contact_map_matrix.hpp"
#include "contactmap/contact_selection.hpp"
#include "plot/color_maps.hpp"
#include "selection/residue_labels.hpp"
#include "structure/contact_map.hpp"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QCPGraph;

namespace axs::ui {

class HeatmapWidget;
class PrecisionTable;

class ContactMapView : public QWidget {
    Q_OBJECT
public:
    explicit ContactMapView(QWidget* parent = nullptr);

    /// The query the positions refer to (T letters; gaps allowed). Clears nothing else.
    void setQuery(const std::string& query);
    /// The main prediction (upper triangle), T x T. Probabilities or any scores (larger =
    /// more likely); NaN = not scored. Throws axs::Error if T differs from the query.
    void setPrediction(const TensorD& scores, const QString& label);
    void setPrediction(const TensorF& probabilities, const QString& label);
    /// True contacts and C-beta distances from a structure (structure/contact_map.hpp).
    void setTruth(const QueryContactMap& truth, const QString& label);
    void clearTruth();
    /// A second prediction to compare with; returns its index for setLowerSource (>= 1).
    int addComparison(const TensorD& scores, const QString& label);
    int addComparison(const TensorF& scores, const QString& label);
    /// Reads another tool's prediction (contacts/contact_prediction.hpp, any known format)
    /// and adds it as a comparison. Throws axs::Error naming the file.
    int importComparison(const QString& path);
    /// 0: the true contacts; k >= 1: comparison k. Out-of-range values are ignored.
    void setLowerSource(int index);
    int lowerSource() const;
    /// The name the lower-triangle selector shows for the current source, and the index of
    /// a source by that name (-1 if none): a rebuilt view keeps the user's choice by name.
    QString lowerSourceName() const;
    int findLowerSource(const QString& name) const;
    /// Comparisons added (indices 1..comparisonCount() for setLowerSource).
    int comparisonCount() const { return int(comparisons_.size()); }

    void setRange(SeparationRange range);
    void setRule(const ContactSelectionRule& rule);
    ContactSelectionRule rule() const;
    SeparationRange range() const;
    void setColorMap(ColorMap map);

    /// The marked predictions of the main prediction (upper triangle).
    const ContactSelection& selection() const { return selection_; }
    /// The main prediction's label ("" if none).
    QString predictionLabel() const { return primary_ ? primary_->label : QString(); }
    /// Text describing a pair (0-based i < j), as shown after a click.
    QString describePair(int i, int j) const;
    /// Names of the positions (with structure residues); setQuery sets letters and numbers.
    void setResidueLabels(const ResidueLabels& labels);
    /// Marks a pair (i, j) with a crosshair (upper triangle) and describes it beside the
    /// map; one position p marks (p, p); -1 clears.
    void showResidues(int i, int j);

    HeatmapWidget* heatmap() const { return heatmap_; }
    PrecisionTable* precisionTable() const { return table_; }
    PrecisionTable* comparisonTable() const { return table2_; }
    QLabel* selectionLabel() const { return selectionLabel_; }

signals:
    /// A pair was clicked: 0-based query positions, i < j (i == j for a diagonal cell).
    void contactClicked(int i, int j);
    /// The marked pairs changed (new prediction, truth, rule or range).
    void selectionChanged();

private:
    struct Source {
        QString label;
        TensorD scores;
    };
    void refresh();
    void refreshMarks();
    void refreshTables();
    void onRuleControlsChanged();
    const Source* lowerComparison() const;

    std::string query_;
    ResidueLabels labels_;
    int markI_ = -1, markJ_ = -1;
    std::optional<Source> primary_;
    std::optional<QueryContactMap> truth_;
    QString truthLabel_;
    std::vector<Source> comparisons_;
    ContactSelection selection_;
    ContactSelection lowerSelection_;

    HeatmapWidget* heatmap_;
    QCPGraph* truePositives_;
    QCPGraph* falsePositives_;
    QCPGraph* unjudged_;
    QComboBox* kBox_;
    QDoubleSpinBox* thresholdBox_;
    QComboBox* rangeBox_;
    QComboBox* lowerBox_;
    PrecisionTable* table_;
    PrecisionTable* table2_;
    QLabel* tableTitle_;
    QLabel* table2Title_;
    QLabel* selectionLabel_;
    QLabel* pairLabel_;
};

}  // namespace axs::ui
