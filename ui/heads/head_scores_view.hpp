// Which heads see contacts: for a run with a structure, each layer/head's symmetrised +
// APC row attention scored as a contact prediction (layer x head heatmap), beside the
// contact regression weight of that head. Clicking a head emits headActivated (open it
// in the attention explorer). Scoring runs in a Job.
#pragma once

#include <QPointer>
#include <QWidget>
#include <optional>

#include "heads/head_scores.hpp"
#include "selection/residue_labels.hpp"
#include "session/run_result.hpp"
#include "structure/contact_map.hpp"

class QComboBox;
class QLabel;
class QPushButton;

namespace axs::ui {

class HeatmapWidget;
class Job;

class HeadScoresView : public QWidget {
    Q_OBJECT
public:
    explicit HeadScoresView(QWidget* parent = nullptr);
    ~HeadScoresView() override;

    void setRun(RunResultPtr run);
    /// The structure's contacts over the run's query positions (structure/contact_map.hpp).
    void setTruth(const QueryContactMap& truth);
    void clearTruth();
    void setRule(const HeadScoreRule& rule);
    HeadScoreRule rule() const;

    /// L x H precisions of the last finished scoring (empty before).
    const TensorD& scores() const { return scores_; }
    const TensorD& weights() const { return weights_; }
    bool isScoring() const { return !job_.isNull(); }
    /// Writes the table as CSV (writeHeadScoresCsv). Throws axs::Error naming the file.
    void exportCsv(const QString& path) const;

    /// The head shown elsewhere (0-based; -1 none): a crosshair on every map.
    void setSelectedHead(int layer, int head);
    /// A residue pair (0-based query positions; -1 clears): a third map shows each head's
    /// attention between the two, P[i][j] + P[j][i] of the raw row attention, titled with
    /// the residues' names.
    void setPair(int i, int j);
    std::pair<int, int> pair() const { return {pairI_, pairJ_}; }
    void setResidueLabels(const ResidueLabels& labels) { labels_ = labels; }

    HeatmapWidget* scoreMap() const { return scoreMap_; }
    HeatmapWidget* weightMap() const { return weightMap_; }
    HeatmapWidget* pairMap() const { return pairMap_; }

signals:
    /// 0-based layer and head of a clicked cell.
    void headActivated(int layer, int head);
    void scoresReady();

private:
    void rescore();
    void showScores();
    void showWeights();
    void askExport();
    void showPair();
    QString headTooltip(int layer, int head) const;

    RunResultPtr run_;
    std::optional<QueryContactMap> truth_;
    TensorD scores_;
    TensorD weights_;
    QPointer<Job> job_;
    QComboBox* rangeBox_;
    QComboBox* kBox_;
    QPushButton* exportButton_;
    QLabel* status_;
    HeatmapWidget* scoreMap_;
    HeatmapWidget* weightMap_;
    HeatmapWidget* pairMap_;
    ResidueLabels labels_;
    int pairI_ = -1, pairJ_ = -1;
    int selLayer_ = -1, selHead_ = -1;
};

}  // namespace axs::ui
